import Foundation
import TLSKit
import Testing

@testable import tlskit

/// The parts of `tlskit explain` that need no network: round trips, the downgrade sentinel,
/// the certificate checks, the key steps and the text layout.
@Suite struct HandshakeNarratorTests {
    static func stamp(_ events: [TLSTraceEvent]) -> [StampedTraceEvent] {
        events.enumerated().map { StampedTraceEvent(event: $1, elapsed: .milliseconds($0)) }
    }

    static let message = HandshakeMessage.finished(Finished(verifyData: [1, 2, 3]))

    @Test func roundTripsCountEachWaitForTheServerAndIgnoreChangeCipherSpec() {
        // TLS 1.3: ClientHello, then the server's flight; the client's compatibility
        // change_cipher_spec and Finished wait for nothing.
        let tls13 = Self.stamp([
            .handshakeMessage(Self.message, .sent, size: 10), .handshakeMessage(Self.message, .received, size: 10),
            .changeCipherSpec(.sent), .changeCipherSpec(.received), .handshakeMessage(Self.message, .received, size: 10),
            .handshakeMessage(Self.message, .sent, size: 10),
            .handshakeCompleted(
                HandshakeSummary(
                    version: .tls13, cipherSuite: .tlsAES128GCMSHA256, group: .x25519, signatureScheme: nil, applicationProtocol: nil,
                    helloRetryRequested: false, serverName: nil, peerCertificates: [], verification: nil)),
            .handshakeMessage(Self.message, .received, size: 10),
        ])
        #expect(HandshakeNarrator.roundTrips(tls13) == 1)
        // TLS 1.2: the hello flights, then ClientKeyExchange to the server's Finished.
        let tls12 = Self.stamp([
            .handshakeMessage(Self.message, .sent, size: 10), .handshakeMessage(Self.message, .received, size: 10),
            .handshakeMessage(Self.message, .sent, size: 10), .changeCipherSpec(.sent), .handshakeMessage(Self.message, .sent, size: 10),
            .changeCipherSpec(.received), .handshakeMessage(Self.message, .received, size: 10),
        ])
        #expect(HandshakeNarrator.roundTrips(tls12) == 2)
    }

    @Test func downgradeSentinelIsNamed() {
        let base = [UInt8](repeating: 7, count: 24)
        #expect(HandshakeNarrator.downgradeSentinel(base + Array("DOWNGRD".utf8) + [1])?.hasPrefix("DOWNGRD\\x01") == true)
        #expect(HandshakeNarrator.downgradeSentinel(base + Array("DOWNGRD".utf8) + [0])?.hasPrefix("DOWNGRD\\x00") == true)
        #expect(HandshakeNarrator.downgradeSentinel(base + Array("DOWNGRD".utf8) + [2]) == nil)
        #expect(HandshakeNarrator.downgradeSentinel([UInt8](repeating: 0, count: 32)) == nil)
        #expect(HandshakeNarrator.downgradeSentinel([1, 2, 3]) == nil)
    }

    @Test func secretsOfOneStepAreGatheredUnderOneTitle() {
        var narrator = HandshakeNarrator(certificateChecks: nil, keyLogPath: nil)
        for event in Self.stamp([
            .secretDerived(name: "CLIENT_HANDSHAKE_TRAFFIC_SECRET"), .secretDerived(name: "SERVER_HANDSHAKE_TRAFFIC_SECRET"),
            .keysChanged(.received), .handshakeMessage(Self.message, .received, size: 36),
            .secretDerived(name: "CLIENT_TRAFFIC_SECRET_0"), .secretDerived(name: "SERVER_TRAFFIC_SECRET_0"),
        ]) {
            narrator.add(event, verdict: nil)
        }
        #expect(narrator.steps.map(\.title) == ["Handshake keys", "Finished", "Application keys"])
        #expect(narrator.steps[0].facts.filter { $0.label == "Derived" }.map(\.value) == ["client_handshake_traffic_secret", "server_handshake_traffic_secret"])
        #expect(narrator.steps[0].facts.contains { $0.label == "Keys" && $0.value.hasPrefix("the server's records") })
        #expect(narrator.steps[0].facts.contains { $0.label == "Values" && $0.value.hasPrefix("never shown") })
        #expect(narrator.steps.map(\.number) == [1, 2, 3])
    }

    @Test func certificateChecksFindExpiryAndNames() async throws {
        let pki = try DevelopmentPKI.generate(rootName: "Narrator Root", intermediateName: "Narrator Intermediate")
        let now = Date()
        let expired = try pki.issueLeaf(notBefore: now - 30 * 86_400, notAfter: now - 86_400)
        let chain = try pki.chainDER(for: expired)
        let checks = await CertificateChecks.evaluate(chain: chain, serverName: "localhost", trustSource: "the test", now: now)
        let facts = Dictionary(checks.facts.map { ($0.label, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(facts["Dates 0"]?.hasPrefix("EXPIRED on ") == true, "\(checks.facts)")
        #expect(facts["Dates 1"]?.hasPrefix("valid, ") == true, "\(checks.facts)")
        #expect(facts["Signature 0"]?.hasSuffix(": valid") == true, "\(checks.facts)")
        #expect(facts["Signature 1"]?.hasPrefix("issued by ") == true, "\(checks.facts)")
        #expect(facts["Name"]?.contains("cover 'localhost'") == true, "\(checks.facts)")
        let elsewhere = await CertificateChecks.evaluate(chain: chain, serverName: "example.com", trustSource: "the test", now: now)
        #expect(elsewhere.facts.contains { $0.label == "Name" && $0.value.hasPrefix("MISMATCH") }, "\(elsewhere.facts)")
        let garbage = await CertificateChecks.evaluate(chain: [[1, 2, 3]], serverName: "localhost", trustSource: "the test", now: now)
        #expect(garbage.facts.contains { $0.label == "Parsing" && $0.value.hasPrefix("FAILED") })
    }

    @Test func proseWrapsAtSpacesAndTimesHaveOneDecimal() {
        #expect(TextWrapping.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(TextWrapping.wrap("unbreakable-word x", width: 4) == ["unbreakable-word", "x"])
        #expect(NarratedStep.format(milliseconds: 12.34) == "12.3")
        #expect(NarratedStep.format(milliseconds: 0.05) == "0.1")
        #expect(HandshakeNarrator.hex([0x00, 0xAB, 0x10], limit: 2) == "00ab... (3 bytes)")
    }
}
