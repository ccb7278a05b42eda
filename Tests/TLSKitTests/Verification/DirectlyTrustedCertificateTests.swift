import Crypto
import Foundation
import Testing
import X509

@testable import TLSKit

/// A self-signed end-entity certificate (CA:FALSE) given as a trust root is trusted directly,
/// as OpenSSL, curl and Python do, with its dates, name and usage still checked; failures
/// read as one line without certificate dumps.
@Suite struct DirectlyTrustedCertificateTests {
    /// A self-signed certificate for `localhost`, CA:FALSE, valid from `notBefore` to `notAfter`.
    static func selfSignedLeaf(
        notBefore: Date = Date() - 3600, notAfter: Date = Date() + 3600, usage: ExtendedKeyUsage.Usage = .serverAuth
    ) throws -> Certificate {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost")])
                try ExtendedKeyUsage([usage])
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
    }

    static func verify(_ leaf: Certificate, trusting roots: [Certificate], serverName: String = "localhost") async throws
        -> CertificateVerificationResult
    {
        let verifier = DefaultCertificateVerifier(trustRoots: .certificates(roots))
        return await verifier.verify(
            CertificateVerificationRequest(chain: [try leaf.derBytes()], serverName: serverName, purpose: .serverAuth))
    }

    static func rejection(_ result: CertificateVerificationResult) throws -> TLSError {
        guard case .rejected(let error) = result else {
            Issue.record("expected a rejection, got \(result)")
            throw CancellationError()
        }
        return error
    }

    @Test func selfSignedLeafAmongTheRootsIsTrusted() async throws {
        let leaf = try Self.selfSignedLeaf()
        let result = try await Self.verify(leaf, trusting: [leaf])
        #expect(result == .trusted(chain: [try leaf.derBytes()]))
    }

    @Test func nameDatesAndUsageAreStillChecked() async throws {
        let leaf = try Self.selfSignedLeaf()
        let wrongName = try Self.rejection(try await Self.verify(leaf, trusting: [leaf], serverName: "example.com"))
        #expect(wrongName.code == .certificateHostMismatch)
        #expect(wrongName.reason == "certificate is valid for localhost, not for example.com")

        let expired = try Self.selfSignedLeaf(notBefore: Date() - 7200, notAfter: Date() - 3600)
        #expect(try Self.rejection(try await Self.verify(expired, trusting: [expired])).code == .certificateExpired)

        let future = try Self.selfSignedLeaf(notBefore: Date() + 3600, notAfter: Date() + 7200)
        #expect(try Self.rejection(try await Self.verify(future, trusting: [future])).code == .certificateNotYetValid)

        let clientOnly = try Self.selfSignedLeaf(usage: .clientAuth)
        #expect(try Self.rejection(try await Self.verify(clientOnly, trusting: [clientOnly])).code == .certificateBadUsage)
    }

    @Test func selfSignedLeafNotAmongTheRootsIsUntrusted() async throws {
        let leaf = try Self.selfSignedLeaf()
        let other = try Self.selfSignedLeaf()
        let error = try Self.rejection(try await Self.verify(leaf, trusting: [other]))
        #expect(error.code == .certificateUnknownIssuer)
        #expect(!error.reason.contains("Certificate("), "\(error.reason)")
    }

    @Test func policyFailureReasonsLoseTheirCertificateDumps() {
        let reason =
            "RFC5280Policy: Self-signed cert Certificate(version: X509v3, issuer: \"CN=a\", extensions: [BasicConstraints(CA=FALSE)]) is not marked as a CA"
        #expect(
            DefaultCertificateVerifier.concise(reason) == "RFC5280Policy: Self-signed cert a certificate is not marked as a CA")
        #expect(DefaultCertificateVerifier.concise("two\nlines") == "two lines")
        #expect(DefaultCertificateVerifier.concise("unbalanced Certificate(x") == "unbalanced a certificate")
    }
}
