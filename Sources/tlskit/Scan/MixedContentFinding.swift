/// One insecure (http:// or ws://) subresource URL in an HTTPS page.
///
/// JSON keys: `element`, `attribute` (null for text inside `<style>` or `<script>`),
/// `context` (for CSS: `url()`, `@font-face`, `@import`; for scripts the call, e.g. `fetch()`),
/// `url`, `classification` (`upgradable` or `blockable`), `ipAddressHost`.
struct MixedContentFinding: Codable, Hashable, Sendable {
    /// The element, lowercased (`img`, `script`, `style`, ...).
    var element: String
    /// The attribute holding the URL (`src`, `srcset`, `href`, `style`, ...), if any.
    var attribute: String?
    /// Where inside CSS or script text the URL sits, if it does.
    var context: String?
    var url: String
    var classification: MixedContentClassification
    /// The host is an IP address literal, which is why an image, audio or video is blocked
    /// rather than upgraded.
    var ipAddressHost: Bool

    /// `<img src>`, `<link href>`, `<style> @font-face`, `<div style> url()` ...
    var location: String {
        var text = "<\(self.element)\(self.attribute.map { " \($0)" } ?? "")>"
        if let context = self.context { text += " \(context)" }
        return text
    }
    /// Every key is written, absent values as null, so `--json` output always has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.element, forKey: .element)
        try container.encode(self.attribute, forKey: .attribute)
        try container.encode(self.context, forKey: .context)
        try container.encode(self.url, forKey: .url)
        try container.encode(self.classification, forKey: .classification)
        try container.encode(self.ipAddressHost, forKey: .ipAddressHost)
    }
}
