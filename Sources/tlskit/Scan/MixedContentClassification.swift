/// How a browser treats an insecure subresource on an HTTPS page (W3C Mixed Content,
/// https://w3c.github.io/webappsec-mixed-content/, Sections 3 and 4).
enum MixedContentClassification: String, Codable, Hashable, Sendable {
    /// Images, audio and video from `src`: the browser rewrites the URL to https and loads
    /// that; it breaks if the server does not serve it over https (Section 3.1).
    case upgradable
    /// Everything else, and upgradable kinds on an IP address host: the browser blocks the
    /// request (Section 3.2, Section 4.4 "Should fetching request be blocked as mixed content?").
    case blockable
}
