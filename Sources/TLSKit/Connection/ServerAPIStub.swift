// STUB (branch serverapp): replaced by branch server
//
// The public server API as agreed with branch `server`, declared here only so that TLSKitNIO and
// the CLI compile while the server handshake is built elsewhere. The merge drops this file.
// Identity loading is real; `TLSConnection.init(configuration: TLSServerConfiguration)` throws.

import X509

// STUB (branch serverapp): replaced by branch server
/// A certificate chain and the private key of its leaf.
public struct TLSCertificateIdentity: Sendable {
    /// DER certificates, leaf first.
    public var chain: [[UInt8]]
    public var privateKey: TLSSigningKey

    public init(chain: [Certificate], privateKey: TLSSigningKey) throws {
        guard let leaf = chain.first else {
            throw TLSError(code: .configuration, reason: "a certificate identity needs at least one certificate")
        }
        guard leaf.publicKey == privateKey.publicKey else {
            throw TLSError(code: .configuration, reason: "the private key does not match the certificate")
        }
        self.chain = try chain.map { try $0.derBytes() }
        self.privateKey = privateKey
    }

    public init(certificatePEMFile: String, privateKeyPEMFile: String) throws {
        let certificates = try PEMCertificateLoader.certificates(fromPEMFile: certificatePEMFile)
        let keyBytes = try PEMCertificateLoader.readFile(privateKeyPEMFile)
        let key: TLSSigningKey
        do {
            key = try TLSSigningKey(pemEncoded: String(decoding: keyBytes, as: UTF8.self))
        } catch let error as TLSError {
            throw TLSError(code: error.code, reason: "\(privateKeyPEMFile): \(error.reason)")
        }
        try self.init(chain: certificates, privateKey: key)
    }

    /// The leaf's DNS subject alternative names.
    public var dnsNames: [String] {
        guard let der = chain.first, let leaf = try? Certificate(derEncoded: der),
              let names = try? leaf.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            if case .dnsName(let dns) = name { return dns }
            return nil
        }
    }
}

// STUB (branch serverapp): replaced by branch server
/// Whether and how a server asks for client certificates (RFC 8446, Section 4.3.2).
public enum ClientAuthentication: Sendable {
    case none
    case optional(any CertificateVerifier)
    case required(any CertificateVerifier)
}

// STUB (branch serverapp): replaced by branch server
/// How a server connection behaves.
public struct TLSServerConfiguration: Sendable {
    public var identities: [TLSCertificateIdentity]
    public var cipherSuites: [CipherSuite] = CipherSuite.tls13Suites
    public var preferServerCipherSuiteOrder: Bool = true
    public var supportedGroups: [NamedGroup] = [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1]
    public var signatureSchemes: [SignatureScheme] = SignatureScheme.tls13HandshakeSchemes
    public var applicationProtocols: [String] = []
    public var clientAuthentication: ClientAuthentication = .none
    public var maximumHandshakeMessageSize: Int = 64 * 1024

    public init(identities: [TLSCertificateIdentity]) {
        self.identities = identities
    }

    public static func modern(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        TLSServerConfiguration(identities: identities)
    }

    public static func intermediate(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        TLSServerConfiguration(identities: identities)
    }
}

// STUB (branch serverapp): replaced by branch server
/// Which side of the handshake a connection plays.
public enum TLSRole {
    case client, server
}

// STUB (branch serverapp): replaced by branch server
extension TLSConnection {
    public init(configuration: TLSServerConfiguration) throws {
        throw TLSError(code: .internalError, reason: "the TLS server is not implemented on this branch (stub)")
    }

    public var role: TLSRole { .client }
}

// STUB (branch serverapp): replaced by branch server (a stored property there)
extension TLSClientConfiguration {
    public var clientIdentity: TLSCertificateIdentity? {
        get { nil }
        set {}
    }
}
