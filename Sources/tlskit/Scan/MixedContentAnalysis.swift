/// What `MixedContentClassifier` found in one HTML document.
///
/// JSON keys: `findings`, `insecureLinks`, `omittedFindings`, `omittedLinks`, `scanIncomplete`,
/// `upgradeInsecureRequests`.
struct MixedContentAnalysis: Codable, Hashable, Sendable {
    var findings: [MixedContentFinding] = []
    var insecureLinks: [InsecureLink] = []
    /// Findings beyond `MixedContentClassifier.maximumFindings`, counted but not listed.
    var omittedFindings = 0
    /// Links beyond `MixedContentClassifier.maximumLinks`, counted but not listed.
    var omittedLinks = 0
    /// The document had more tags than the scanner examines; the rest was not looked at.
    var scanIncomplete = false
    /// The page asks for `upgrade-insecure-requests` (Content-Security-Policy header or
    /// `<meta http-equiv>`), so browsers fetch the findings over https instead of blocking them.
    var upgradeInsecureRequests = false

    var upgradableCount: Int { self.findings.filter { $0.classification == .upgradable }.count }
    var blockableCount: Int { self.findings.filter { $0.classification == .blockable }.count }
}
