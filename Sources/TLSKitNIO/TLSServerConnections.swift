/// The connections of a `TLSServer` whose handshake completed, in the order they completed;
/// it ends when the server closes.
public struct TLSServerConnections: AsyncSequence, Sendable {
    public typealias Element = TLSServerConnection

    let queue: AsyncStream<QueuedConnection>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var queued: AsyncStream<QueuedConnection>.AsyncIterator

        public mutating func next() async -> TLSServerConnection? {
            while let connection = await queued.next() {
                if let taken = connection.take() { return taken }
            }
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(queued: queue.makeAsyncIterator())
    }
}
