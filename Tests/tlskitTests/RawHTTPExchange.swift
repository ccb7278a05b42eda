import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Sends raw request bytes over plain TCP and collects everything until the server closes:
/// a client that shares no code with the server it tests.
enum RawHTTPExchange {
    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let done: EventLoopPromise<[UInt8]>
        private let bytes = Mutex<[UInt8]>([])

        init(done: EventLoopPromise<[UInt8]>) { self.done = done }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = self.unwrapInboundIn(data)
            self.bytes.withLock { $0 += buffer.readableBytesView }
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.done.succeed(self.bytes.withLock { $0 })
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// The response split into the head (status line and headers, as text) and the body bytes.
    struct Response {
        var head: String
        var body: [UInt8]

        var statusLine: String { String(self.head.split(separator: "\r\n").first ?? "") }

        /// Values of a header, case-insensitive name.
        func header(_ name: String) -> [String] {
            self.head.split(separator: "\r\n").dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                guard line[..<colon].lowercased() == name.lowercased() else { return nil }
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    static func send(_ request: String, port: Int) async throws -> [UInt8] {
        let group = MultiThreadedEventLoopGroup.singleton
        let done = group.next().makePromise(of: [UInt8].self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(done: done))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: request)).get()
        return try await done.futureResult.get()
    }

    /// One request with `Connection: close`; the response split at the blank line.
    static func request(_ method: String, _ target: String, port: Int, host: String = "localhost") async throws -> Response {
        let bytes = try await self.send("\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: port)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var index = 0
        while index + separator.count <= bytes.count {
            if Array(bytes[index..<(index + separator.count)]) == separator {
                return Response(head: String(decoding: bytes[..<index], as: UTF8.self), body: Array(bytes[(index + 4)...]))
            }
            index += 1
        }
        return Response(head: String(decoding: bytes, as: UTF8.self), body: [])
    }
}
