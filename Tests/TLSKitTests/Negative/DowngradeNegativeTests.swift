import NIOCore
import Testing
@testable import TLSKit

/// Downgrade protection with real hellos. Covered elsewhere: the RFC 8446, Section 4.1.3
/// sentinel in a TLS 1.2 ServerHello to a client that offered TLS 1.3, both values
/// (TLS12ClientServerHelloTests.downgradeSentinelIsIllegalParameterWhenTLS13WasOffered, and
/// with a real server's ServerHello TLS12ConnectionPairTests.downgradeSentinelIsIllegalParameter),
/// and TLS_FALLBACK_SCSV in a ClientHello without supported_versions
/// (TLS12ServerHandshakeTests.fallbackSCSVBelowOurBestIsInappropriateFallback).
@Suite struct DowngradeNegativeTests {
    /// A client and a server with TLS 1.3 and TLS 1.2 and all their suites.
    static func exchangeSpeakingBothVersions() throws -> RawExchange {
        try RawExchange(
            .tls13, client: { $0.versions = [.tls13, .tls12] },
            server: {
                $0.versions = [.tls13, .tls12]
                $0.cipherSuites = CipherSuite.tls13Suites + CipherSuite.tls12Suites
            })
    }

    /// RFC 7507, Section 3: TLS_FALLBACK_SCSV from a client whose best version (here TLS 1.2,
    /// from supported_versions) is below the server's (TLS 1.3) is a fatal
    /// inappropriate_fallback. The real client's ClientHello, rewritten to offer only TLS 1.2
    /// and to carry the SCSV.
    @Test func fallbackSCSVWithSupportedVersionsOfTLS12IsInappropriateFallback() throws {
        var exchange = try Self.exchangeSpeakingBothVersions()
        let rewrite = TestRecords.rewritingClientHello { hello in
            hello.extensions = hello.extensions.map { $0.type == .supportedVersions ? .supportedVersionsClient([.tls12]) : $0 }
            hello.cipherSuites += [.tlsFallbackSCSV]
        }
        let hello = try rewrite(try exchange.output(of: .client))
        exchange.feed(hello, to: .server)
        let error = try exchange.expectAlert(.inappropriateFallback, from: .server, protected: false)
        #expect(error.reason.contains("RFC 7507"), "\(error.reason)")
    }

    /// The control: the same rewritten ClientHello without the SCSV gets TLS 1.2 and the
    /// downgrade sentinel (RFC 8446, Section 4.1.3).
    @Test func supportedVersionsOfTLS12WithoutSCSVGetsTLS12() throws {
        var exchange = try Self.exchangeSpeakingBothVersions()
        let rewrite = TestRecords.rewritingClientHello { hello in
            hello.extensions = hello.extensions.map { $0.type == .supportedVersions ? .supportedVersionsClient([.tls12]) : $0 }
        }
        exchange.feed(try rewrite(try exchange.output(of: .client)), to: .server)
        let answer = try exchange.output(of: .server)
        let random = try #require(RawExchange.helloRandom(answer))
        #expect(Array(random.suffix(8)) == [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01])
    }
}
