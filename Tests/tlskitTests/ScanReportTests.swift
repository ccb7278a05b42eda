import Foundation
import Testing

@testable import tlskit

/// The two forms of a scan report: one text block per topic, and JSON with stable keys.
@Suite struct ScanReportTests {
    static let report = ScanReport(
        target: "127.0.0.1:4433", serverName: "localhost", scannedAt: "2026-12-07 23:00:00 UTC", mozillaGuideline: "6.0",
        protocols: [
            ProtocolSupport(version: "TLS 1.0", supported: true, detail: "accepted"),
            ProtocolSupport(version: "TLS 1.3", supported: false, detail: "alert protocol_version"),
        ],
        supportedVersions: ["TLS 1.0"],
        cipherSuites: [SuiteListing(version: "TLS 1.0", suites: ["TLS_RSA_WITH_AES_128_CBC_SHA"], serverEnforcesOrder: nil)],
        groups: VersionedNames(tls13: nil, tls12: ["x25519"], note: nil),
        signatureAlgorithms: VersionedNames(tls13: nil, tls12: nil, note: "TLS 1.0 signs with MD5+SHA-1"),
        alpn: .no("no protocol chosen"),
        features: SecurityFeatures(
            extendedMasterSecret: .yes("in the ServerHello"), secureRenegotiation: .yes("in the ServerHello"),
            fallbackSCSV: .notApplicable("one version"), downgradeSentinel: .notApplicable("no TLS 1.3"),
            ocspStapling: .no("none")),
        resumption: ResumptionFindings(
            tls13Tickets: .notTested("no TLS 1.3"), earlyData: .notTested("no TLS 1.3"), tls12: .notTested("no TLS 1.2")),
        certificate: nil,
        grades: [ProfileGrade(profile: "old", guideline: "5.7", passed: false, deviations: ["certificate expired"])],
        notes: [])

    @Test func textHasOneBlockPerTopic() {
        let text = Self.report.lines.joined(separator: "\n")
        for heading in [
            "Protocol versions:", "Cipher suites:", "Key exchange groups:", "Signature algorithms:", "ALPN: no: no protocol chosen",
            "Protocol features:", "Session resumption (with TLSKit's client):", "Certificate:", "Mozilla Server Side TLS configurations:",
        ] {
            #expect(text.contains(heading), "\(heading)")
        }
        #expect(text.contains("  TLS 1.0: yes (accepted)"))
        #expect(text.contains("    TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy, CBC)"))
        #expect(text.contains("  TLS 1.3: no (alert protocol_version)"))
        #expect(text.contains("  TLS_FALLBACK_SCSV:      n/a: one version"))
        #expect(text.contains("  TLS 1.2:         not tested: no TLS 1.2"))
        #expect(text.contains("  old (guideline 5.7): FAIL\n    - certificate expired"))
        #expect(text.contains("(no certificate chain could be obtained)"))
    }

    @Test func jsonKeysAreStable() throws {
        let data = try JSONEncoder().encode(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "target", "serverName", "scannedAt", "mozillaGuideline", "protocols", "supportedVersions", "cipherSuites",
            "groups", "signatureAlgorithms", "alpn", "features", "resumption", "grades", "notes",
        ])
        let features = try #require(object["features"] as? [String: Any])
        #expect(Set(features.keys) == ["extendedMasterSecret", "secureRenegotiation", "fallbackSCSV", "downgradeSentinel", "ocspStapling"])
        let alpn = try #require(object["alpn"] as? [String: Any])
        #expect(alpn["status"] as? String == "no")
        let decoded = try JSONDecoder().decode(ScanReport.self, from: data)
        #expect(decoded == Self.report)
    }
}
