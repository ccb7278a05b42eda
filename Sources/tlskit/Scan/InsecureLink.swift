/// A navigation link to an http:// URL (`<a href>`, `<area href>`, non-fetching `<link>`
/// relations such as `canonical`). Following it leaves HTTPS, but it is not mixed content:
/// nothing is loaded into the page (W3C Mixed Content, Section 2).
struct InsecureLink: Codable, Hashable, Sendable {
    var element: String
    var attribute: String
    var url: String
}
