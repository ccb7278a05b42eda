import NIOCore
import NIOPosix
import TLSKit

/// Sends one hand-built ClientHello over a new TCP connection and reads the plaintext reply,
/// at most `PlaintextRecordReader.defaultMaximumTotalBytes` bytes and never longer than the
/// timeout.
struct ProbeTransport: Sendable {
    var host: String
    var port: Int
    var timeout: TimeAmount

    /// The server's reply. Throws only when the TCP connection cannot be made at all; every
    /// answer of the server, silence and garbage included, becomes a `ProbeReply`.
    func send(_ hello: ProbeHello) async throws -> ProbeReply {
        let record = hello.record()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(self.timeout)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .connect(host: self.host, port: self.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let deadline = NIODeadline.now() + self.timeout
        // Closing the channel at the deadline ends the read loop below.
        let closer = channel.channel.eventLoop.scheduleTask(deadline: deadline) {
            channel.channel.close(promise: nil)
        }
        defer { closer.cancel() }

        var reader = PlaintextRecordReader()
        var assembler = ProbeReplyAssembler()
        do {
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: record))
                reading: for try await chunk in inbound {
                    try reader.append(chunk.readableBytesView)
                    while let event = try reader.next() {
                        assembler.absorb(event)
                        if assembler.isComplete { break reading }
                    }
                }
            }
        } catch let error as ScanProtocolError {
            // Past the ServerHello (an oversized chain, say) the choice is still known.
            guard assembler.reply.serverHello != nil else { return ProbeReply(outcome: .malformed(error.description)) }
            return assembler.reply
        } catch {
            // A reset or a close at the deadline: judged below by what had arrived.
        }
        var reply = assembler.reply
        if !assembler.isComplete, reply.serverHello == nil, NIODeadline.now() >= deadline {
            reply.outcome = .timedOut
        }
        return reply
    }
}
