import X509

/// The peer's leaf certificate as the handshake already parsed it (for CertificateVerify or
/// the TLS 1.2 key check), carried in a `CertificateVerificationRequest` so that the default
/// verifier does not parse it again. It is used only while the request's leaf is still the
/// DER it came from, and takes no part in the request's equality or hash. The certificate is
/// held by reference: inline, its 600 bytes would widen every state, event and action that
/// carries it.
struct ParsedLeafCertificate: Sendable, Hashable {
    private final class Storage: Sendable {
        let der: [UInt8]
        let certificate: Certificate

        init(der: [UInt8], certificate: Certificate) {
            self.der = der
            self.certificate = certificate
        }
    }

    private let storage: Storage?

    /// Nothing parsed (a request made outside a handshake, or a leaf that does not parse).
    static let none = ParsedLeafCertificate(storage: nil)

    private init(storage: Storage?) {
        self.storage = storage
    }

    /// `der` parsed, or `.none` when it does not parse.
    init(parsing der: [UInt8]) {
        storage = (try? Certificate(derEncoded: der)).map { Storage(der: der, certificate: $0) }
    }

    /// The parsed certificate, if `der` is the one it was parsed from.
    func certificate(for der: [UInt8]) -> Certificate? {
        guard let storage, storage.der == der else { return nil }
        return storage.certificate
    }

    static func == (lhs: Self, rhs: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
