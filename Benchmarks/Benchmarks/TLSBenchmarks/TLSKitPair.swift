import AllocationCounter
import NIOCore
import TLSKit

/// A TLSKit client and server joined in memory: what one sends, the other receives. The
/// configurations are built once and shared by every pair, as a real client and server do.
struct TLSKitPair {
    var client: TLSConnection
    var server: TLSConnection
    let clientVerifier: any CertificateVerifier
    var receivedByServer = 0
    /// Time spent inside each side's calls (and, for the client, its certificate verifier).
    var clientTime: Duration = .zero
    var serverTime: Duration = .zero
    /// The client's summary, once its handshake completed.
    var clientSummary: HandshakeSummary?

    /// Client and server configurations limited to one suite and one group; the client keeps
    /// no sessions, so every handshake is a full one.
    static func configurations(
        pki: BenchmarkPKI, suite: CipherSuite, group: NamedGroup
    ) -> (client: TLSClientConfiguration, server: TLSServerConfiguration) {
        var client = TLSClientConfiguration(
            certificateVerifier: DefaultCertificateVerifier(trustRoots: .certificates([pki.root])))
        client.cipherSuites = [suite]
        client.supportedGroups = [group]
        client.keyShareGroups = [group]
        client.sessionCache = nil
        var server = TLSServerConfiguration(identities: [pki.identity])
        server.cipherSuites = [suite]
        server.supportedGroups = [group]
        return (client, server)
    }

    init(client clientConfiguration: TLSClientConfiguration, server serverConfiguration: TLSServerConfiguration) throws {
        client = try TLSConnection(configuration: clientConfiguration, serverName: "localhost")
        server = try TLSConnection(configuration: serverConfiguration)
        clientVerifier = clientConfiguration.certificateVerifier
    }

    /// Moves application data both ways until neither side has anything to do; for an
    /// established connection (no await, so no executor hops in the measurement).
    mutating func transfer() throws {
        var moved = true
        while moved {
            moved = false
            while let action = try client.nextAction() {
                moved = true
                if case .send(var bytes) = action { server.receive(&bytes) }
            }
            while let action = try server.nextAction() {
                moved = true
                switch action {
                case .send(var bytes): client.receive(&bytes)
                case .deliver(let bytes): receivedByServer += bytes.readableBytes
                default: break
                }
            }
        }
    }

    /// Moves bytes both ways until neither side has anything to do, answering the client's
    /// certificate verification, and adds each side's time to `clientTime` and `serverTime`.
    mutating func run(isolation: isolated (any Actor)? = #isolation) async throws {
        let clock = ContinuousClock()
        var moved = true
        while moved {
            moved = false
            var start = clock.now
            while let action = try client.nextAction() {
                moved = true
                switch action {
                case .send(var bytes):
                    clientTime += clock.now - start
                    start = clock.now
                    server.receive(&bytes)
                    serverTime += clock.now - start
                    start = clock.now
                case .verifyPeer(let request): client.completeVerification(await clientVerifier.verify(request))
                case .handshakeCompleted(let summary): clientSummary = summary
                default: break
                }
            }
            clientTime += clock.now - start
            start = clock.now
            while let action = try server.nextAction() {
                moved = true
                switch action {
                case .send(var bytes):
                    serverTime += clock.now - start
                    start = clock.now
                    client.receive(&bytes)
                    clientTime += clock.now - start
                    start = clock.now
                case .deliver(let bytes): receivedByServer += bytes.readableBytes
                default: break
                }
            }
            serverTime += clock.now - start
        }
    }

    /// Writes `chunk` `times` times on the client and takes the records it seals (dropped,
    /// as a socket would take them); the time of the client's calls.
    mutating func timeSending(_ chunk: ByteBuffer, times: Int) throws -> OperationTiming {
        let clock = ContinuousClock()
        let start = clock.now
        var sealed = 0
        for _ in 0..<times {
            try client.write(chunk)
            while let action = try client.nextAction() {
                if case .send(let bytes) = action { sealed += bytes.readableBytes }
            }
        }
        let elapsed = clock.now - start
        guard sealed > chunk.readableBytes * times else { throw BenchmarkFailure("TLSKit sealed too little") }
        return OperationTiming(total: elapsed)
    }

    /// For each of `times` writes of `chunk`: the client seals it (not timed), then the
    /// server opens and delivers it (timed), while the records are still in the cache as
    /// bytes just read from a socket would be.
    mutating func timeReceiving(_ chunk: ByteBuffer, times: Int) throws -> OperationTiming {
        let clock = ContinuousClock()
        var elapsed: Duration = .zero
        var allocations: UInt64 = 0
        var delivered = 0
        var records: [ByteBuffer] = []
        for _ in 0..<times {
            records.removeAll(keepingCapacity: true)
            try client.write(chunk)
            while let action = try client.nextAction() {
                if case .send(let bytes) = action { records.append(bytes) }
            }
            let allocationsBefore = allocation_count()
            let start = clock.now
            for var bytes in records {
                server.receive(&bytes)
                while let action = try server.nextAction() {
                    if case .deliver(let plaintext) = action { delivered += plaintext.readableBytes }
                }
            }
            elapsed += clock.now - start
            allocations += allocation_count() - allocationsBefore
        }
        guard delivered == chunk.readableBytes * times else { throw BenchmarkFailure("TLSKit delivered \(delivered) bytes") }
        return OperationTiming(total: elapsed, allocations: Int(allocations))
    }

    /// A handshake between new connections of these configurations, timed per side; throws
    /// unless both sides complete and the client's summary says resumed as `expectResumed`.
    static func handshake(
        client: TLSClientConfiguration, server: TLSServerConfiguration, expectResumed: Bool = false,
        isolation: isolated (any Actor)? = #isolation
    ) async throws -> OperationTiming {
        let clock = ContinuousClock()
        let start = clock.now
        var pair = try TLSKitPair(client: client, server: server)
        // Creating the client connection builds its ClientHello, which is client time.
        pair.clientTime = clock.now - start
        try await pair.run()
        let total = clock.now - start
        guard pair.client.isHandshakeComplete, pair.server.isHandshakeComplete else {
            throw BenchmarkFailure("the TLSKit handshake did not complete")
        }
        guard pair.clientSummary?.resumed == expectResumed else {
            throw BenchmarkFailure(
                expectResumed ? "the TLSKit handshake did not resume" : "the TLSKit handshake resumed unexpectedly")
        }
        return OperationTiming(total: total, client: pair.clientTime, server: pair.serverTime)
    }
}
