import Foundation
import Testing

/// `tlskit scan` against `openssl s_server` set up three ways (TLS 1.3 only, Mozilla
/// intermediate, and a weak TLS 1.0 server with an expired RSA-1024 certificate): the real
/// executable, its JSON report, and what it must say about each.
@Suite struct ScanInteropTests {
    /// The part of the JSON report these tests read.
    struct Report: Decodable {
        struct Listing: Decodable {
            var version: String
            var suites: [String]
            var serverEnforcesOrder: Bool?
        }
        struct Names: Decodable {
            var tls13: [String]?
            var tls12: [String]?
        }
        struct Finding: Decodable {
            var status: String
            var detail: String
        }
        struct Features: Decodable {
            var extendedMasterSecret: Finding
            var secureRenegotiation: Finding
            var fallbackSCSV: Finding
            var downgradeSentinel: Finding
            var ocspStapling: Finding
        }
        struct Resumption: Decodable {
            var tls13Tickets: Finding
            var earlyData: Finding
            var tls12: Finding
        }
        struct Certificate: Decodable {
            var trusted: Bool
            var trustDetail: String
            var nameMatches: Bool
            var expired: Bool
            var keyType: String
            var keyBits: Int?
            var weakKey: Bool
            var selfSigned: Bool
            var chainInOrder: Bool
            var findings: [String]
        }
        struct Grade: Decodable {
            var profile: String
            var passed: Bool
            var deviations: [String]
        }
        var supportedVersions: [String]
        var cipherSuites: [Listing]
        var groups: Names
        var signatureAlgorithms: Names
        var alpn: Finding
        var features: Features
        var resumption: Resumption
        var certificate: Certificate?
        var grades: [Grade]

        func suites(_ version: String) -> [String] {
            cipherSuites.first { $0.version == version }?.suites ?? []
        }

        func serverEnforcesOrder(_ version: String) -> Bool? {
            cipherSuites.first { $0.version == version }?.serverEnforcesOrder
        }

        func grade(_ profile: String) -> Grade? {
            grades.first { $0.profile == profile }
        }
    }

    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [.good(.p256)])
    }

    /// Runs `tlskit scan 127.0.0.1:PORT --servername localhost --cafile ROOT --json` and decodes the report.
    func scan(port: UInt16) async throws -> Report {
        let process = try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["scan", "127.0.0.1:\(port)", "--servername", "localhost", "--cafile", fixture.rootPath, "--json", "--timeout", "20"],
            timeout: InteropTimeouts.peer)
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        do {
            return try JSONDecoder().decode(Report.self, from: Data(process.standardOutput.utf8))
        } catch {
            Issue.record("the scan's output is not the JSON report: \(error)\n\(process.transcript)")
            throw error
        }
    }

    static let groups = ["-www", "-groups", "X25519:prime256v1:secp384r1"]

    @Test func tls13OnlyServerIsModern() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, Self.groups, version: "-tls1_3")
        defer { server.stop() }
        let report = try await scan(port: port)

        #expect(report.supportedVersions == ["TLS 1.3"])
        #expect(Set(report.suites("TLS 1.3")) == ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"])
        #expect(Set(report.groups.tls13 ?? []) == ["x25519", "secp256r1", "secp384r1"])
        // A P-256 key signs TLS 1.3 handshakes with exactly one scheme (RFC 8446, Section 4.2.3).
        #expect(report.signatureAlgorithms.tls13 == ["ecdsa_secp256r1_sha256"])
        #expect(report.features.extendedMasterSecret.status == "notApplicable")
        #expect(report.features.fallbackSCSV.status == "notApplicable")
        #expect(report.resumption.tls13Tickets.status == "yes", "\(report.resumption.tls13Tickets)")
        #expect(report.resumption.earlyData.status == "no", "\(report.resumption.earlyData)")
        let certificate = try #require(report.certificate)
        #expect(certificate.trusted, "\(certificate.trustDetail)")
        #expect(certificate.nameMatches)
        #expect(!certificate.expired)
        #expect(certificate.keyType == "ECDSA")
        #expect(certificate.chainInOrder)
        #expect(certificate.findings.isEmpty, "\(certificate.findings)")
        let modern = try #require(report.grade("modern"))
        #expect(modern.passed, "\(modern.deviations)")
    }

    @Test func intermediateServerPassesIntermediateNotModern() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let suites = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305"
        let (server, port) = try await OpenSSLServer.start(
            serving: leaf, ["-no_ssl3", "-no_tls1", "-no_tls1_1", "-cipher", suites, "-alpn", "http/1.1"] + Self.groups, version: nil)
        defer { server.stop() }
        let report = try await scan(port: port)

        #expect(report.supportedVersions == ["TLS 1.2", "TLS 1.3"])
        #expect(Set(report.suites("TLS 1.2")) == [
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        ])
        #expect(report.suites("TLS 1.3").count == 3)
        #expect(Set(report.groups.tls12 ?? []) == ["x25519", "secp256r1", "secp384r1"])
        #expect(report.serverEnforcesOrder("TLS 1.2") == false)
        #expect(report.signatureAlgorithms.tls12?.contains("ecdsa_secp256r1_sha256") == true, "\(report.signatureAlgorithms)")
        #expect(report.signatureAlgorithms.tls12?.contains { $0.hasPrefix("rsa") } == false, "\(report.signatureAlgorithms)")
        #expect(report.alpn.status == "yes" && report.alpn.detail.hasPrefix("http/1.1 chosen"), "\(report.alpn)")
        #expect(report.features.ocspStapling.status == "no", "\(report.features.ocspStapling)")
        #expect(report.features.extendedMasterSecret.status == "yes")
        #expect(report.features.secureRenegotiation.status == "yes")
        #expect(report.features.fallbackSCSV.status == "yes", "\(report.features.fallbackSCSV)")
        #expect(report.features.downgradeSentinel.status == "yes", "\(report.features.downgradeSentinel)")
        #expect(report.resumption.tls12.status == "yes", "\(report.resumption.tls12)")
        #expect(report.certificate?.trusted == true)
        let intermediate = try #require(report.grade("intermediate"))
        #expect(intermediate.passed, "\(intermediate.deviations)")
        let modern = try #require(report.grade("modern"))
        #expect(!modern.passed)
        #expect(modern.deviations.contains("offers TLS 1.2"), "\(modern.deviations)")
        #expect(modern.deviations.contains("offers TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), "\(modern.deviations)")
    }

    @Test func weakServerFailsEveryProfileAndSaysWhy() async throws {
        let certificate = try await ExpiredRSA1024Certificate(in: fixture.directory)
        let port = try FreePort.allocate()
        let server = try PeerProcess(
            try PeerTools.openssl(),
            [
                "s_server", "-tls1", "-accept", "\(port)", "-cert", certificate.certificatePath, "-key", certificate.keyPath,
                "-cipher", "AES128-SHA:ECDHE-RSA-AES128-SHA:@SECLEVEL=0", "-www",
            ])
        defer { server.stop() }
        try await server.waitUntilListening(port: port)
        let report = try await scan(port: port)

        #expect(report.supportedVersions == ["TLS 1.0"])
        #expect(Set(report.suites("TLS 1.0")) == ["TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"])
        #expect(report.resumption.tls13Tickets.status == "notTested")
        #expect(report.resumption.tls12.status == "notTested")
        let found = try #require(report.certificate)
        #expect(found.expired)
        #expect(!found.trusted)
        #expect(found.selfSigned)
        #expect(found.keyType == "RSA")
        #expect(found.keyBits == 1024)
        #expect(found.weakKey)
        #expect(found.findings.contains("expired on 2021-01-01 00:00:00 UTC"), "\(found.findings)")
        #expect(found.findings.contains { $0.contains("RSA 1024") && $0.contains("weak") }, "\(found.findings)")

        for grade in report.grades {
            #expect(!grade.passed, "\(grade.profile)")
            #expect(grade.deviations.contains("certificate expired"), "\(grade.profile): \(grade.deviations)")
        }
        let modern = try #require(report.grade("modern"))
        #expect(modern.deviations.contains("offers TLS 1.0"), "\(modern.deviations)")
        #expect(modern.deviations.contains("does not offer TLS 1.3"), "\(modern.deviations)")
        let intermediate = try #require(report.grade("intermediate"))
        #expect(intermediate.deviations.contains("offers TLS 1.0"), "\(intermediate.deviations)")
        #expect(intermediate.deviations.contains("offers TLS_RSA_WITH_AES_128_CBC_SHA"), "\(intermediate.deviations)")
        #expect(intermediate.deviations.contains("certificate RSA 1024 bits, profile wants 2048"), "\(intermediate.deviations)")
        let old = try #require(report.grade("old"))
        #expect(old.deviations.contains("certificate RSA 1024 bits, profile wants 2048"), "\(old.deviations)")
        #expect(!old.deviations.contains("offers TLS 1.0"), "\(old.deviations)")
        #expect(!old.deviations.contains("offers TLS_RSA_WITH_AES_128_CBC_SHA"), "\(old.deviations)")
    }

    @Test func serverPreferenceEarlyDataAndStaplingAreSeen() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let intermediatePath = try #require(leaf.intermediatePath)
        let staple = try await OCSPStapleFile(
            leafPath: leaf.certificatePath, issuerCertificatePath: intermediatePath,
            issuerKeyPEM: fixture.pki.intermediate.privateKeyPEM, in: fixture.directory)
        // TLS 1.2 with the server's order (AES-256 first) and a stapled OCSP response.
        let (preferring, preferringPort) = try await OpenSSLServer.start(
            serving: leaf,
            ["-www", "-serverpref", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256", "-status_file", staple.path],
            version: "-tls1_2")
        defer { preferring.stop() }
        let tls12 = try await scan(port: preferringPort)
        #expect(tls12.supportedVersions == ["TLS 1.2"])
        #expect(tls12.suites("TLS 1.2") == ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"])
        #expect(tls12.serverEnforcesOrder("TLS 1.2") == true)
        #expect(tls12.features.ocspStapling.status == "yes", "\(tls12.features.ocspStapling)")
        #expect(tls12.features.downgradeSentinel.status == "notApplicable")

        // TLS 1.3 tickets that allow 0-RTT (s_server -early_data cannot be combined with -www).
        let (earlyData, earlyDataPort) = try await OpenSSLServer.start(
            serving: leaf, ["-early_data"], version: "-tls1_3", keepStandardInputOpen: true)
        defer { earlyData.stop() }
        let tls13 = try await scan(port: earlyDataPort)
        #expect(tls13.resumption.tls13Tickets.status == "yes", "\(tls13.resumption.tls13Tickets)")
        #expect(tls13.resumption.earlyData.status == "yes", "\(tls13.resumption.earlyData)")
    }

    @Test func unreachableHostIsOneErrorLine() async throws {
        let port = try FreePort.allocate()
        let process = try await PeerProcess.run(try TLSKitExecutable.path(), ["scan", "127.0.0.1:\(port)", "--timeout", "5"])
        #expect(process.terminationStatus == 1, "\(process.transcript)")
        let lines = process.standardError.split(separator: "\n").filter { $0.hasPrefix("tlskit: error: ") }
        #expect(lines == ["tlskit: error: cannot scan 127.0.0.1:\(port): connection to 127.0.0.1:\(port) refused"], "\(process.transcript)")
    }
}
