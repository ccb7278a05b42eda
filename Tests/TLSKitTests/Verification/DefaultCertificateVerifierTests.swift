import Foundation
import Testing

@testable import TLSKit

/// The default verifier against a PKI generated in memory (no network).
@Suite struct DefaultCertificateVerifierTests {
    static let pki: DevelopmentPKI? = try? DevelopmentPKI.generate(rootName: "Test Root", intermediateName: "Test Intermediate")

    let pki: DevelopmentPKI
    let verifier: DefaultCertificateVerifier

    init() throws {
        pki = try #require(Self.pki)
        verifier = DefaultCertificateVerifier(trustRoots: .certificates([pki.root.certificate]))
    }

    func verify(
        _ chain: [[UInt8]],
        serverName: String? = "localhost",
        purpose: CertificateVerificationRequest.Purpose = .serverAuth,
        with verifier: DefaultCertificateVerifier? = nil
    ) async -> CertificateVerificationResult {
        await (verifier ?? self.verifier).verify(
            CertificateVerificationRequest(chain: chain, serverName: serverName, purpose: purpose)
        )
    }

    func rejection(_ result: CertificateVerificationResult) throws -> TLSError {
        guard case .rejected(let error) = result else {
            Issue.record("expected a rejection, got \(result)")
            throw CancellationError()
        }
        return error
    }

    @Test(arguments: DevelopmentKeyType.allCases)
    func goodChainIsTrustedForEachKeyType(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try pki.issueLeaf(keyType: keyType)
        let result = await verify(try pki.chainDER(for: leaf))
        let expected = [try leaf.certificateDER(), try pki.intermediate.certificateDER(), try pki.root.certificateDER()]
        #expect(result == .trusted(chain: expected))
    }

    @Test func ipAddressSubjectAlternativeNameMatches() async throws {
        let leaf = try pki.issueLeaf(dnsNames: [], ipAddresses: ["127.0.0.1", "::1"])
        let chain = try pki.chainDER(for: leaf)
        #expect(await verify(chain, serverName: "127.0.0.1").isTrusted)
        #expect(await verify(chain, serverName: "::1").isTrusted)
        #expect(await verify(chain, serverName: "[::1]").isTrusted)
        let error = try rejection(await verify(chain, serverName: "127.0.0.2"))
        #expect(error.code == .certificateHostMismatch)
        #expect(error.reason == "certificate is valid for 127.0.0.1, ::1, not for 127.0.0.2")
        // An IP address is not matched against DNS names, nor a DNS name against addresses.
        #expect(try rejection(await verify(chain, serverName: "localhost")).code == .certificateHostMismatch)
    }

    @Test func wildcardCoversExactlyOneLabel() async throws {
        let leaf = try pki.issueLeaf(dnsNames: ["*.example.com"], ipAddresses: [])
        let chain = try pki.chainDER(for: leaf)
        #expect(await verify(chain, serverName: "a.example.com").isTrusted)
        #expect(await verify(chain, serverName: "A.Example.COM").isTrusted)
        for name in ["a.b.example.com", "example.com", "a.example.org"] {
            let error = try rejection(await verify(chain, serverName: name))
            #expect(error.code == .certificateHostMismatch, "\(name)")
            #expect(error.reason == "certificate is valid for *.example.com, not for \(name)")
        }
    }

    @Test func expiredLeafIsRejected() async throws {
        let day: TimeInterval = 86400
        let notAfter = Date().addingTimeInterval(-2 * day)
        let leaf = try pki.issueLeaf(notBefore: Date().addingTimeInterval(-30 * day), notAfter: notAfter)
        let error = try rejection(await verify(try pki.chainDER(for: leaf)))
        #expect(error.code == .certificateExpired)
        #expect(error.alert == .certificateExpired)
        #expect(error.reason.hasPrefix("certificate for localhost expired on \(CertificateError.format(notAfter).prefix(10))"))
        #expect(error.reason.contains("renew"))
    }

    @Test func expiredLeafIsTrustedAtATimeInsideItsValidity() async throws {
        let day: TimeInterval = 86400
        let old = try DevelopmentPKI.generate(notBefore: Date().addingTimeInterval(-60 * day))
        let leaf = try old.issueLeaf(notBefore: Date().addingTimeInterval(-30 * day), notAfter: Date().addingTimeInterval(-2 * day))
        let past = DefaultCertificateVerifier(
            trustRoots: .certificates([old.root.certificate]),
            validationTime: Date().addingTimeInterval(-10 * day)
        )
        #expect(await verify(try old.chainDER(for: leaf), with: past).isTrusted)
        #expect(try rejection(await verify(try old.chainDER(for: leaf), with: DefaultCertificateVerifier(trustRoots: .certificates([old.root.certificate])))).code == .certificateExpired)
    }

    @Test func notYetValidLeafIsRejected() async throws {
        let day: TimeInterval = 86400
        let notBefore = Date().addingTimeInterval(3 * day)
        let leaf = try pki.issueLeaf(notBefore: notBefore, notAfter: Date().addingTimeInterval(30 * day))
        let error = try rejection(await verify(try pki.chainDER(for: leaf)))
        #expect(error.code == .certificateNotYetValid)
        #expect(error.alert == .badCertificate)
        #expect(error.reason.hasPrefix("certificate for localhost is not valid until \(CertificateError.format(notBefore).prefix(10))"))
    }

    @Test func wrongHostIsRejectedWithTheNamesItCovers() async throws {
        let leaf = try pki.issueLeaf(dnsNames: ["a.example", "b.example"], ipAddresses: [])
        let error = try rejection(await verify(try pki.chainDER(for: leaf)))
        #expect(error.code == .certificateHostMismatch)
        #expect(error.alert == .badCertificate)
        #expect(error.reason == "certificate is valid for a.example, b.example, not for localhost")
    }

    @Test func commonNameIsNeverUsedForTheHost() async throws {
        let leaf = try pki.issueLeaf(commonName: "localhost", dnsNames: [], ipAddresses: [])
        let error = try rejection(await verify(try pki.chainDER(for: leaf)))
        #expect(error.code == .certificateHostMismatch)
        #expect(error.reason.contains("no DNS or IP subject alternative names"))
        // Without a name to check, the same chain is trusted.
        #expect(await verify(try pki.chainDER(for: leaf), serverName: nil).isTrusted)
    }

    @Test func untrustedRootIsRejectedNamingTheRoot() async throws {
        let other = try DevelopmentPKI.generate(rootName: "Other Root", intermediateName: "Other Intermediate")
        let leaf = try other.issueLeaf()
        let error = try rejection(await verify(try other.chainDER(for: leaf)))
        #expect(error.code == .certificateUnknownIssuer)
        #expect(error.alert == .unknownCA)
        #expect(error.reason.contains("'CN=Other Root'"))
        #expect(error.reason.contains("not a trusted root"))
    }

    @Test func rejectedClientCertificateReasonSpeaksOfTheClient() async throws {
        let other = try DevelopmentPKI.generate(rootName: "Other Root", intermediateName: "Other Intermediate")
        let leaf = try other.issueLeaf(extendedKeyUsage: [.clientAuth])
        let untrusted = try rejection(await verify(try other.chainDER(for: leaf), serverName: nil, purpose: .clientAuth))
        #expect(untrusted.reason.contains("--client-ca"), "\(untrusted.reason)")
        #expect(!untrusted.reason.contains("--cafile"))
        let own = try pki.issueLeaf(extendedKeyUsage: [.clientAuth])
        let missing = try rejection(await verify([try own.certificateDER()], serverName: nil, purpose: .clientAuth))
        #expect(missing.reason.contains("the client may not be sending its intermediate"), "\(missing.reason)")
    }

    /// With the system store (loaded and indexed once, then shared), a private root's chain
    /// is not trusted, and the same verdict comes back on every call.
    @Test func systemStoreDoesNotTrustAPrivateRoot() async throws {
        // scripts/test installs ca-certificates when the machine has no bundle.
        let roots = try SystemTrustStore.certificates.get()
        #expect(!roots.isEmpty)
        let system = DefaultCertificateVerifier(trustRoots: .system)
        let leaf = try pki.issueLeaf()
        for _ in 0..<2 {
            let error = try rejection(await verify(try pki.chainDER(for: leaf), with: system))
            #expect(error.code == .certificateUnknownIssuer)
            #expect(error.reason.contains("Test Root"), "\(error.reason)")
        }
    }

    @Test func serverSendingItsRootDoesNotMakeItTrusted() async throws {
        let other = try DevelopmentPKI.generate(rootName: "Other Root", intermediateName: "Other Intermediate")
        let leaf = try other.issueLeaf()
        let chain = try other.chainDER(for: leaf) + [try other.root.certificateDER()]
        let error = try rejection(await verify(chain))
        #expect(error.code == .certificateUnknownIssuer)
        #expect(error.reason.contains("Other Root"))
    }

    @Test func missingIntermediateIsRejectedSayingSo() async throws {
        let leaf = try pki.issueLeaf()
        let error = try rejection(await verify([try leaf.certificateDER()]))
        #expect(error.code == .certificateUnknownIssuer)
        #expect(error.alert == .unknownCA)
        #expect(error.reason.hasPrefix("no trusted issuer for 'CN=Test Intermediate'"))
        #expect(error.reason.contains("may not be sending its intermediate certificate"))
    }

    @Test func leafWithoutServerAuthIsRejected() async throws {
        let leaf = try pki.issueLeaf(extendedKeyUsage: [.clientAuth])
        let chain = try pki.chainDER(for: leaf)
        let error = try rejection(await verify(chain))
        #expect(error.code == .certificateBadUsage)
        #expect(error.alert == .unsupportedCertificate)
        #expect(error.reason.contains("serverAuth"))
        #expect(error.reason.contains("allows only clientAuth"))
        // The same leaf is fine for a client.
        #expect(await verify(chain, serverName: nil, purpose: .clientAuth).isTrusted)
    }

    @Test func clientAuthIsRequiredOfClients() async throws {
        let leaf = try pki.issueLeaf(extendedKeyUsage: [.serverAuth])
        let error = try rejection(await verify(try pki.chainDER(for: leaf), serverName: nil, purpose: .clientAuth))
        #expect(error.code == .certificateBadUsage)
        #expect(error.reason.contains("clientAuth"))
    }

    @Test func leafWithoutExtendedKeyUsageMayServe() async throws {
        let leaf = try pki.issueLeaf(extendedKeyUsage: nil)
        #expect(await verify(try pki.chainDER(for: leaf)).isTrusted)
    }

    @Test func expiredIntermediateIsNamed() async throws {
        let day: TimeInterval = 86400
        let intermediate = try DevelopmentPKI.makeIntermediateCA(
            commonName: "Old Intermediate",
            issuer: pki.root,
            notBefore: Date().addingTimeInterval(-30 * day),
            notAfter: Date().addingTimeInterval(-1 * day)
        )
        let leaf = try DevelopmentPKI.makeLeaf(issuer: intermediate)
        let error = try rejection(await verify([try leaf.certificateDER(), try intermediate.certificateDER()]))
        #expect(error.code == .certificateExpired)
        #expect(error.reason.contains("Old Intermediate"))
    }

    @Test func malformedCertificateIsRejected() async throws {
        let leaf = try pki.issueLeaf()
        var der = try leaf.certificateDER()
        der.removeLast(10)
        let error = try rejection(await verify([der]))
        #expect(error.code == .certificateInvalid)
        #expect(error.alert == .badCertificate)
        #expect(error.reason.contains("malformed"))
        #expect(try rejection(await verify([])).code == .certificateInvalid)
        #expect(try rejection(await verify([[0x30, 0x03, 0x02, 0x01, 0x01]])).code == .certificateInvalid)
    }

    @Test func tooLongChainIsRefused() async throws {
        let leaf = try pki.issueLeaf()
        let chain = Array(repeating: try leaf.certificateDER(), count: DefaultCertificateVerifier.maximumChainLength + 1)
        #expect(try rejection(await verify(chain)).code == .certificateInvalid)
    }

    @Test func forgedSignatureIsNotTrusted() async throws {
        // Same names as the real intermediate, different key: the leaf's signature cannot verify.
        let impostor = try DevelopmentPKI.makeIntermediateCA(commonName: "Test Intermediate", issuer: pki.root)
        let leaf = try DevelopmentPKI.makeLeaf(issuer: impostor)
        let error = try rejection(await verify([try leaf.certificateDER(), try pki.intermediate.certificateDER()]))
        #expect(error.code == .certificateUnknownIssuer)
    }

    @Test func insecureVerifierSkips() async throws {
        let result = await InsecureAcceptAnyCertificateVerifier().verify(
            CertificateVerificationRequest(chain: [[0x00]], serverName: "localhost", purpose: .serverAuth)
        )
        #expect(result == .skippedInsecure)
    }

    @Test func systemTrustStoreLoadsOrSaysWhy() {
        switch SystemTrustStore.certificates {
        case .success(let roots): #expect(!roots.isEmpty)
        case .failure(let error): #expect(error.tlsError(for: .serverAuth).code == .configuration)
        }
        let missing = SystemTrustStore.load(paths: ["/nonexistent/ca.pem"])
        guard case .failure(let error) = missing else {
            Issue.record("loading a missing bundle succeeded")
            return
        }
        #expect(error.tlsError(for: .serverAuth).reason.contains("/nonexistent/ca.pem"))
    }
}

extension CertificateVerificationResult {
    var isTrusted: Bool {
        if case .trusted = self { return true }
        return false
    }
}
