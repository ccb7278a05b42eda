/// What a verifier needs to judge a peer: its chain as sent, and who we expected it to be.
public struct CertificateVerificationRequest: Sendable, Hashable {
    /// The purpose the peer's certificate must allow (extended key usage, RFC 5280, Section 4.2.1.12).
    public enum Purpose: Sendable, Hashable {
        case serverAuth
        case clientAuth
    }

    /// DER certificates as the peer sent them, leaf first (RFC 8446, Section 4.4.2).
    public var chain: [[UInt8]]
    /// The DNS name or IP address literal we connected to (SNI or the address), if any.
    public var serverName: String?
    /// An OCSP response stapled to the leaf (status_request, RFC 8446, Section 4.4.2.1), if any.
    public var ocspResponse: [UInt8]?
    public var purpose: Purpose
    /// The leaf as the handshake parsed it, when it did.
    var parsedLeaf = ParsedLeafCertificate.none

    public init(chain: [[UInt8]], serverName: String?, ocspResponse: [UInt8]? = nil, purpose: Purpose) {
        self.chain = chain
        self.serverName = serverName
        self.ocspResponse = ocspResponse
        self.purpose = purpose
    }
}
