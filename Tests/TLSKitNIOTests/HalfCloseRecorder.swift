import NIOCore
import Synchronization

/// Stands in for a TCP socket's half close, which the testing channel cannot do: records
/// `close(mode: .output)` and succeeds it instead of closing the whole channel.
final class HalfCloseRecorder: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = ByteBuffer

    let outputCloses = Mutex(0)

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .output else {
            context.close(mode: mode, promise: promise)
            return
        }
        self.outputCloses.withLock { $0 += 1 }
        promise?.succeed()
    }
}
