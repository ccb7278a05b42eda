import Foundation
import Testing

/// `tlskit scan --http` against `tlskit server` serving a page of known mixed content
/// (Tests/Fixtures/mixed-content.html): (a) with the plain HTTP redirect and HSTS
/// max-age=63072000; includeSubDomains; preload, (b) with neither. Each finding is checked
/// against Tests/Fixtures/mixed-content-expected.json.
@Suite struct ScanHTTPInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [.good(.p256)])
    }

    struct Finding: Decodable, Equatable, CustomStringConvertible {
        var element: String
        var attribute: String?
        var context: String?
        var url: String
        var classification: String
        var ipAddressHost: Bool
        var description: String { "<\(element) \(attribute ?? context ?? "")> \(url) \(classification)" }
    }

    struct Link: Decodable, Equatable {
        var element: String
        var attribute: String
        var url: String
    }

    struct MixedContent: Decodable {
        var findings: [Finding]
        var insecureLinks: [Link]
    }

    /// The `http` section of `tlskit scan --json`, and the grades.
    struct Scan: Decodable {
        struct HTTP: Decodable {
            struct PlainHTTP: Decodable {
                var verdict: String
                var statusCode: Int?
                var location: String?
                var hstsHeaderOverHTTP: Bool
                var error: String?
            }

            struct Page: Decodable {
                var statusCode: Int?
                var bodyBytes: Int?
            }

            struct HSTS: Decodable {
                var present: Bool
                var valid: Bool
                var value: String?
                var maxAge: Int?
                var atLeastOneYear: Bool
                var includeSubDomains: Bool
                var preload: Bool
                var preloadEligible: Bool
            }

            var plainHTTP: PlainHTTP
            var https: Page
            var hsts: HSTS
            var mixedContent: MixedContent?
        }

        struct Grade: Decodable {
            var profile: String
            var passed: Bool
            var deviations: [String]
        }

        var http: HTTP?
        var grades: [Grade]
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A site directory holding the fixture page as index.html.
    func makeSite() throws -> (root: String, page: Data) {
        let page = try Data(contentsOf: Self.fixtures.appendingPathComponent("mixed-content.html"))
        let root = fixture.directory.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try page.write(to: root.appendingPathComponent("index.html"))
        return (root.path, page)
    }

    func scan(port: UInt16, httpPort: UInt16, json: Bool) async throws -> PeerProcess {
        try await PeerProcess.run(
            try TLSKitExecutable.path(),
            [
                "scan", "127.0.0.1:\(port)", "--servername", "localhost", "--cafile", fixture.rootPath,
                "--http", "--http-port", "\(httpPort)", "--http-path", "/index.html",
            ] + (json ? ["--json"] : []),
            timeout: InteropTimeouts.peer)
    }

    func expectedMixedContent() throws -> MixedContent {
        try JSONDecoder().decode(MixedContent.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("mixed-content-expected.json")))
    }

    @Test func redirectHSTSAndMixedContent() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let site = try makeSite()
        let server = try await TLSKitServer.start(
            [
                "--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", site.root,
                "--hsts-max-age", "63072000", "--hsts-include-subdomains", "--hsts-preload",
            ],
            withHTTPPort: true)
        defer { server.process.stop() }
        let httpPort = try #require(server.httpPort)
        let process = try await scan(port: server.port, httpPort: httpPort, json: true)
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        let report = try JSONDecoder().decode(Scan.self, from: Data(process.standardOutput.utf8))
        let http = try #require(report.http, "\(process.standardOutput)")

        #expect(http.plainHTTP.verdict == "permanent-redirect-to-https", "\(process.standardOutput)")
        #expect(http.plainHTTP.statusCode == 301)
        #expect(http.plainHTTP.location == "https://localhost:\(server.port)/index.html")
        #expect(!http.plainHTTP.hstsHeaderOverHTTP)
        #expect(http.https.statusCode == 200)
        #expect(http.https.bodyBytes == site.page.count)
        #expect(http.hsts.present && http.hsts.valid)
        #expect(http.hsts.value == "max-age=63072000; includeSubDomains; preload")
        #expect(http.hsts.maxAge == 63_072_000 && http.hsts.atLeastOneYear)
        #expect(http.hsts.includeSubDomains && http.hsts.preload && http.hsts.preloadEligible)
        let expected = try expectedMixedContent()
        #expect(expected.findings.count == 23)
        #expect(http.mixedContent?.findings == expected.findings)
        #expect(http.mixedContent?.insecureLinks == expected.insecureLinks)
        // TLSKit's own server meets Mozilla's intermediate configuration.
        let intermediate = report.grades.first { $0.profile == "intermediate" }
        #expect(intermediate?.passed == true, "\(String(describing: intermediate))")

        let text = try await scan(port: server.port, httpPort: httpPort, json: false).standardOutput
        for line in [
            "Plain HTTP (port \(httpPort)): 301 to https://localhost:\(server.port)/index.html: permanent redirect to HTTPS on the same host (good)",
            "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
            "Mixed content: 23 (17 blockable, 6 upgradable)",
            "BLOCKABLE  <img src> http://192.0.2.1/ip.png (IP address host: blocked, not upgraded)",
            "UPGRADABLE <img src> http://img.example/photo.jpg",
        ] {
            #expect(text.contains(line), "\(line)\n\(text)")
        }
    }

    @Test func noRedirectAndNoHSTS() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let site = try makeSite()
        let server = try await TLSKitServer.start(["--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", site.root, "--hsts-max-age", "0"])
        defer { server.process.stop() }
        let unused = try FreePort.allocate()
        let process = try await scan(port: server.port, httpPort: unused, json: true)
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        let report = try JSONDecoder().decode(Scan.self, from: Data(process.standardOutput.utf8))
        let http = try #require(report.http, "\(process.standardOutput)")
        #expect(http.plainHTTP.verdict == "no-listener", "\(process.standardOutput)")
        #expect(http.plainHTTP.statusCode == nil)
        #expect(http.plainHTTP.error?.contains("refused") == true)
        #expect(http.https.statusCode == 200)
        #expect(!http.hsts.present && !http.hsts.valid && http.hsts.maxAge == nil)
        #expect(http.mixedContent?.findings == (try expectedMixedContent()).findings)

        let text = try await scan(port: server.port, httpPort: unused, json: false).standardOutput
        #expect(text.contains("Plain HTTP (port \(unused)): no listener"), "\(text)")
        #expect(text.contains("Strict-Transport-Security: missing"), "\(text)")
    }
}
