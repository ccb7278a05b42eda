import NIOCore
import Synchronization

/// A completed server connection waiting in `TLSServer`'s queue. Taken once by the consumer;
/// released untaken (the server closed, or its consumer stopped), it closes the connection
/// itself, since NIO traps when an async channel's writer is released unfinished.
final class QueuedConnection: Sendable {
    private let connection: Mutex<TLSServerConnection?>

    init(_ connection: TLSServerConnection) {
        self.connection = Mutex(connection)
    }

    /// The connection, the first time; nil after.
    func take() -> TLSServerConnection? {
        connection.withLock { $0.take() }
    }

    deinit {
        if let untaken = take() { Self.discard(untaken.channel) }
    }

    /// Closes a connection no one will take: its writer is finished first.
    static func discard(_ asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        asyncChannel.outbound.finish()
        asyncChannel.channel.close(promise: nil)
    }
}
