import Testing

@testable import TLSKit

/// `TLS12SignatureSelection`: the signer's order among the schemes its key supports in
/// TLS 1.2 and the peer offers; the RFC 5246 SHA-1 defaults refused with a clear reason.
@Suite struct TLS12SignatureSelectionTests {
    func select(
        _ type: DevelopmentKeyType, _ peerSchemes: [SignatureScheme]?, allowed: [SignatureScheme]? = nil, peer: TLSRole = .client
    ) throws -> SignatureScheme {
        try TLS12SignatureSelection.select(
            key: try TLS12SigningFixture.get(type).key, peerSchemes: peerSchemes, allowed: allowed, peer: peer)
    }

    /// The reason of the handshake_failure `body` throws, or nil (and an issue) if it throws
    /// something else or nothing.
    func handshakeFailureReason(_ body: () throws -> SignatureScheme) -> String? {
        do {
            let scheme = try body()
            Issue.record("selected \(scheme)")
        } catch let error as PeerIncompatible {
            #expect(error.alert == .handshakeFailure)
            guard case .noSharedSignatureScheme = error else { Issue.record("unexpected \(error)"); return nil }
            return error.tlsError.reason
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func theSignersOrderDecides() throws {
        // The client lists PKCS#1 first; the server still prefers PSS.
        #expect(try select(.rsa2048, [.rsaPKCS1SHA256, .rsaPSSRSAESHA256]) == .rsaPSSRSAESHA256)
        #expect(try select(.rsa2048, [.rsaPKCS1SHA512, .rsaPKCS1SHA384]) == .rsaPKCS1SHA384)
        #expect(try select(.p256, [.ecdsaSecp521r1SHA512, .ecdsaSecp384r1SHA384, .ecdsaSecp256r1SHA256]) == .ecdsaSecp256r1SHA256)
        #expect(try select(.p384, [.ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384]) == .ecdsaSecp384r1SHA384)
        #expect(try select(.ed25519, [.ecdsaSecp256r1SHA256, .ed25519]) == .ed25519)
    }

    /// In TLS 1.2 a P-384 key may answer a client that only offers ecdsa_secp256r1_sha256.
    @Test func aP384KeyCanUseTheSHA256CodePoint() throws {
        #expect(try select(.p384, [.ecdsaSecp256r1SHA256, .rsaPKCS1SHA256]) == .ecdsaSecp256r1SHA256)
    }

    /// A typical older TLS 1.2 client list (SHA-1 and PKCS#1 only) still finds a scheme.
    @Test func sha1IsSkippedWhenSomethingElseFits() throws {
        #expect(try select(.rsa2048, [.rsaPKCS1SHA1, .ecdsaSHA1, .rsaPKCS1SHA256]) == .rsaPKCS1SHA256)
        #expect(try select(.p256, [.ecdsaSHA1, .ecdsaSecp256r1SHA256]) == .ecdsaSecp256r1SHA256)
    }

    @Test func theConfiguredSchemesRestrictTheChoice() throws {
        #expect(try select(.rsa2048, [.rsaPSSRSAESHA256, .rsaPKCS1SHA256], allowed: [.rsaPKCS1SHA256]) == .rsaPKCS1SHA256)
        let reason = handshakeFailureReason {
            try select(.rsa2048, [.rsaPKCS1SHA256], allowed: SignatureScheme.tls13HandshakeSchemes)
        }
        #expect(reason?.contains("rsa_pkcs1_sha256") == true)
    }

    @Test func noOverlapNamesBothLists() throws {
        let reason = try #require(handshakeFailureReason { try select(.ed25519, [.ecdsaSecp256r1SHA256, .rsaPKCS1SHA1]) })
        #expect(reason.contains("the client accepts [ecdsa_secp256r1_sha256, rsa_pkcs1_sha1]"))
        #expect(reason.contains("[ed25519]"))
        let server = try #require(handshakeFailureReason { try select(.p256, [.rsaPKCS1SHA256], peer: .server) })
        #expect(server.contains("the server accepts [rsa_pkcs1_sha256]"))
        #expect(server.contains("ecdsa_secp256r1_sha256"))
    }

    /// RFC 5246, Section 7.4.1.4.1: without signature_algorithms the client accepts only
    /// SHA-1 with the key's algorithm, which TLSKit does not make.
    @Test func noSignatureAlgorithmsExtensionMeansSHA1AndIsRefused() throws {
        let rsa = try #require(handshakeFailureReason { try select(.rsa2048, nil) })
        #expect(rsa.contains("no signature_algorithms extension"))
        #expect(rsa.contains("rsa_pkcs1_sha1"))
        #expect(rsa.contains("SHA-1"))
        #expect(rsa.contains("7.4.1.4.1"))
        for type in [DevelopmentKeyType.p256, .p384] {
            let ecdsa = try #require(handshakeFailureReason { try select(type, nil) })
            #expect(ecdsa.contains("ecdsa_sha1"))
        }
        let ed25519 = try #require(handshakeFailureReason { try select(.ed25519, nil) })
        #expect(ed25519.contains("Ed25519"))
        #expect(ed25519.contains("RFC 8422"))
    }

    @Test func keysMatchTheSuitesAuthentication() throws {
        #expect(try TLS12SigningFixture.get(.p256).key.canAuthenticate(.ecdsa))
        #expect(try TLS12SigningFixture.get(.p384).key.canAuthenticate(.ecdsa))
        #expect(try TLS12SigningFixture.get(.ed25519).key.canAuthenticate(.ecdsa))
        #expect(try !TLS12SigningFixture.get(.p256).key.canAuthenticate(.rsa))
        #expect(try TLS12SigningFixture.get(.rsa2048).key.canAuthenticate(.rsa))
        #expect(try !TLS12SigningFixture.get(.rsa2048).key.canAuthenticate(.ecdsa))
    }
}
