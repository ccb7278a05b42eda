import NIOCore
import NIOPosix
import Synchronization
import TLSKit
import Testing

@testable import TLSKitNIO

/// The bound on pending unread plaintext in the async API (README, "Resource limits"): a
/// client that sends far more than the application reads fills the socket buffers and then
/// waits; the server decrypts only as its application consumes, because `NIOAsyncChannel`
/// stops asking the socket for reads once its buffer holds its high watermark of messages.
@Suite struct UnreadPlaintextBoundTests {
    /// Counts the plaintext `TLSHandler` hands on, between it and the async channel.
    final class PlaintextCounter: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let bytes = Atomic<Int>(0)
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            self.bytes.add(self.unwrapInboundIn(data).readableBytes, ordering: .relaxed)
            context.fireChannelRead(data)
        }
    }

    /// Far more than the socket buffers hold once they are set to 64 KiB each way (loopback's
    /// own grow to tens of MiB), so the client must stall.
    static let sent = 8 * 1024 * 1024
    /// What the server may hold decrypted but unread: `NIOAsyncChannel`'s high watermark (10
    /// records of at most 16 KiB) plus the records of the read cycle that crossed it (NIO reads
    /// up to 4 times 64 KiB per cycle). Measured here: 160 to 200 KiB. The bound leaves room for
    /// a loaded machine and is still an eighth of what was sent.
    static let bound = 1024 * 1024

    @Test func aClientThatOutrunsTheApplicationIsHeldBackNotBuffered() async throws {
        let localhost = try LocalhostServerIdentity()
        let identity = localhost.identity
        let server = try await TLSServer.bind(host: "127.0.0.1", port: 0, configuration: .modern(identities: [identity]))
        let port = try #require(server.localAddress?.port)
        let client = try await TLSClient.connect(
            host: "127.0.0.1", port: port, serverName: "localhost", configuration: localhost.trustingClient)
        var accepted = server.connections.makeAsyncIterator()
        let connection = try #require(await accepted.next())

        try await connection.channel.channel.setOption(ChannelOptions.socketOption(.so_rcvbuf), value: 64 * 1024).get()
        try await client.channel.channel.setOption(ChannelOptions.socketOption(.so_sndbuf), value: 64 * 1024).get()
        let counter = PlaintextCounter()
        try await connection.channel.channel.eventLoop.submit {
            let operations = connection.channel.channel.pipeline.syncOperations
            let tls = try operations.handler(type: TLSHandler.self)
            try operations.addHandler(counter, position: .after(tls))
        }.get()

        // The client writes on its channel directly: each write completes once its record is
        // in the socket, so `written` stops growing when the server stops reading.
        // (`NIOAsyncChannel`'s writer would accept a fast producer's writes into the event
        // loop's queue before the socket pushed back.)
        let written = Atomic<Int>(0)
        let clientChannel = client.channel.channel
        let writer = Task {
            let chunk = ByteBuffer(repeating: 0x5a, count: 16 * 1024)
            while written.load(ordering: .relaxed) < Self.sent {
                try await clientChannel.writeAndFlush(chunk).get()
                written.add(chunk.readableBytes, ordering: .relaxed)
            }
            try await client.close()
        }

        // Wait until the client makes no progress for half a second: it is held back.
        var last = -1
        let deadline = ContinuousClock.now + .seconds(60)
        while written.load(ordering: .relaxed) != last, ContinuousClock.now < deadline {
            last = written.load(ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(500))
        }
        let delivered = counter.bytes.load(ordering: .relaxed)
        #expect(last < Self.sent, "the client was never held back")
        #expect(delivered > 0)
        #expect(delivered <= Self.bound, "the server decrypted \(delivered) bytes nobody read")
        // And it stays there while nobody reads.
        try await Task.sleep(for: .milliseconds(500))
        #expect(counter.bytes.load(ordering: .relaxed) == delivered)

        // Once the application reads, everything arrives, byte for byte.
        var received = 0
        var intact = true
        try await connection.executeThenClose { inbound, _ in
            for try await chunk in inbound {
                received += chunk.readableBytes
                intact = intact && chunk.readableBytesView.allSatisfy { $0 == 0x5a }
            }
        }
        try await writer.value
        #expect(received == Self.sent)
        #expect(intact)
        try await server.close()
    }
}
