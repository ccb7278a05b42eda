import Foundation
import NIOCore
import Synchronization
import Testing
@testable import TLSKit

/// A clock tests move by hand, for ticket lifetimes, ages and key rotation.
final class TestClock: Sendable {
    private let value: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        value = Mutex(start)
    }

    var now: Date { value.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        value.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// A closure for `TLSClientConfiguration.now` / `TLSServerConfiguration.now`.
    var closure: @Sendable () -> Date { { self.now } }
}

/// A verifier that counts how often it is asked.
final class CountingVerifier: CertificateVerifier {
    private let inner: any CertificateVerifier
    private let calls = Atomic<Int>(0)

    init(_ inner: any CertificateVerifier) { self.inner = inner }

    var count: Int { calls.load(ordering: .relaxed) }

    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        calls.add(1, ordering: .relaxed)
        return await inner.verify(request)
    }
}

/// Client and server configurations sharing one clock, and helpers for the handshakes
/// that resumption tests run one after another.
struct ResumptionFixture {
    let clock = TestClock()
    let verifier: CountingVerifier
    var client: TLSClientConfiguration
    var server: TLSServerConfiguration

    init(serverEarlyData: UInt32 = 0, clientEarlyData: Bool = false) throws {
        let pki = try ServerTestPKI.get()
        verifier = CountingVerifier(pki.verifier)
        client = TLSClientConfiguration(certificateVerifier: verifier)
        client.now = clock.closure
        client.enableEarlyData = clientEarlyData
        server = try pki.serverConfiguration()
        server.now = clock.closure
        server.maxEarlyDataSize = serverEarlyData
    }

    /// A full handshake, whose tickets land in the client's cache.
    func fullHandshake() async throws -> ConnectionPipe {
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
        #expect(pipe.server.summary?.resumed == false)
        return pipe
    }

    /// A pipe whose client has started (and may have offered a session); not yet run.
    func pipe(client: TLSClientConfiguration? = nil, server: TLSServerConfiguration? = nil) throws -> ConnectionPipe {
        try ConnectionPipe(client: client ?? self.client, server: server ?? self.server)
    }

    /// The number of tickets in the client's default cache.
    var cachedTickets: Int {
        (client.sessionCache as? InMemoryClientSessionCache)?.count ?? 0
    }
}

/// Reading what a connection sends first.
enum ResumptionTestRecords {
    /// Everything a fresh client connection sends before it needs input.
    static func firstFlight(of connection: inout TLSConnection) throws -> ByteBuffer {
        var flight = ByteBuffer()
        while let action = try connection.nextAction() {
            if case .send(var bytes) = action { flight.writeBuffer(&bytes) }
        }
        return flight
    }

    /// The ClientHello in a client's first flight.
    static func clientHello(in flight: ByteBuffer) throws -> ClientHello {
        for (type, fragment) in try TestRecords.split(flight) where type == .handshake {
            var body = fragment
            guard try body.readTLSUInt8() == HandshakeType.clientHello.rawValue else { continue }
            let payload = try body.readTLSVector24("ClientHello")
            if case .clientHello(let hello) = try HandshakeMessage.decode(type: .clientHello, body: payload) {
                return hello
            }
        }
        throw TLSError(code: .internalError, reason: "no ClientHello in the flight")
    }

    /// Rewrites the plaintext ServerHello (not a HelloRetryRequest) with `change`.
    static func rewritingServerHello(_ change: @escaping @Sendable (inout ServerHello) -> Void) -> (ByteBuffer) throws -> ByteBuffer {
        { bytes in
            let records = try TestRecords.split(bytes).map { type, fragment -> (ContentType, ByteBuffer) in
                guard type == .handshake, fragment.getInteger(at: fragment.readerIndex, as: UInt8.self) == 2 else {
                    return (type, fragment)
                }
                var body = fragment
                _ = try body.readTLSUInt8()
                let payload = try body.readTLSVector24("ServerHello")
                guard case .serverHello(var hello) = try HandshakeMessage.decode(type: .serverHello, body: payload),
                    !hello.isHelloRetryRequest
                else { return (type, fragment) }
                change(&hello)
                return (type, HandshakeMessage.serverHello(hello).encoded)
            }
            return TestRecords.join(records)
        }
    }
}
