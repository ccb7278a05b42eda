import Crypto
import Foundation
import _CryptoExtras

/// The primitives a handshake cannot avoid, called straight on swift-crypto: both sides'
/// key shares and agreements, the server's signature and the client's three verifications
/// (CertificateVerify, the leaf's and the intermediate's certificate signatures). Keys and
/// signed messages are made once; what is timed is the arithmetic one handshake needs.
struct CryptoFloor {
    enum Leaf { case p256, rsa2048 }
    enum Group { case x25519, x25519MLKEM768 }

    private let message: Data
    private let certificateSigners: [P256.Signing.PrivateKey]
    private let certificateSignatures: [P256.Signing.ECDSASignature]
    private let p256Leaf = P256.Signing.PrivateKey()
    private let rsaLeaf: _RSA.Signing.PrivateKey

    init() throws {
        let message = Data(repeating: 0x42, count: 130)
        let signers = [P256.Signing.PrivateKey(), P256.Signing.PrivateKey()]
        self.message = message
        certificateSigners = signers
        certificateSignatures = try signers.map { try $0.signature(for: message) }
        rsaLeaf = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// One handshake's worth of primitives.
    func handshake(leaf: Leaf, group: Group) throws {
        try keyExchange(group)
        switch leaf {
        case .p256:
            let signature = try p256Leaf.signature(for: message)
            guard p256Leaf.publicKey.isValidSignature(signature, for: message) else { throw BenchmarkFailure("P-256 verify") }
        case .rsa2048:
            let signature = try rsaLeaf.signature(for: message, padding: .PSS)
            guard rsaLeaf.publicKey.isValidSignature(signature, for: message, padding: .PSS) else {
                throw BenchmarkFailure("RSA-PSS verify")
            }
        }
        for (signer, signature) in zip(certificateSigners, certificateSignatures) {
            guard signer.publicKey.isValidSignature(signature, for: message) else { throw BenchmarkFailure("chain verify") }
        }
    }

    /// Both key shares and both agreements (RFC 8446, Section 4.2.8).
    private func keyExchange(_ group: Group) throws {
        let client = Curve25519.KeyAgreement.PrivateKey()
        let server = Curve25519.KeyAgreement.PrivateKey()
        let clientSecret = try client.sharedSecretFromKeyAgreement(with: server.publicKey)
        let serverSecret = try server.sharedSecretFromKeyAgreement(with: client.publicKey)
        guard clientSecret == serverSecret else { throw BenchmarkFailure("X25519 agreement") }
        if group == .x25519MLKEM768 {
            let clientKEM = try MLKEM768.PrivateKey.generate()
            let encapsulation = try clientKEM.publicKey.encapsulate()
            let decapsulated = try clientKEM.decapsulate(encapsulation.encapsulated)
            guard decapsulated == encapsulation.sharedSecret else { throw BenchmarkFailure("ML-KEM-768") }
        }
    }
}
