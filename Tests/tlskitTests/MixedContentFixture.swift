import Foundation

@testable import tlskit

/// An HTML page with known mixed content of every kind the classifier tells apart
/// (Tests/Fixtures/mixed-content.html), and the findings it must produce, in document order
/// (Tests/Fixtures/mixed-content-expected.json). The interop test of `tlskit scan --http`
/// serves and checks the same files.
enum MixedContentFixture {
    struct Expected: Decodable {
        var findings: [MixedContentFinding]
        var insecureLinks: [InsecureLink]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func page() throws -> String {
        try String(contentsOf: self.directory.appendingPathComponent("mixed-content.html"), encoding: .utf8)
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: self.directory.appendingPathComponent("mixed-content-expected.json")))
    }
}
