import ArgumentParser
import TLSKit
import Testing

@testable import tlskit

@Suite struct AlgorithmNamesTests {
    @Test func hybridFirstAlsoSharesX25519() throws {
        let selection = try AlgorithmNames.groups("X25519MLKEM768:X25519:P-256")
        #expect(selection.supportedGroups == [.x25519MLKEM768, .x25519, .secp256r1])
        #expect(selection.keyShareGroups == [.x25519MLKEM768, .x25519])
    }

    @Test func otherFirstGroupSharesOnlyItself() throws {
        let selection = try AlgorithmNames.groups("P-384,x25519")
        #expect(selection.supportedGroups == [.secp384r1, .x25519])
        #expect(selection.keyShareGroups == [.secp384r1])
    }

    @Test func hybridWithoutX25519SharesOnlyHybrid() throws {
        let selection = try AlgorithmNames.groups("X25519MLKEM768:P-256")
        #expect(selection.keyShareGroups == [.x25519MLKEM768])
    }

    @Test func duplicateGroupsCollapse() throws {
        #expect(try AlgorithmNames.groups("X25519:x25519:P-256").supportedGroups == [.x25519, .secp256r1])
    }

    @Test(arguments: ["", "X25519::P-256", "X448", "brainpool", "X25519:"])
    func rejectsBadGroupLists(list: String) {
        #expect(throws: ValidationError.self) { try AlgorithmNames.groups(list) }
    }

    @Test func parsesCipherSuites() throws {
        let suites = try AlgorithmNames.cipherSuites("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256")
        #expect(suites == [.tlsChaCha20Poly1305SHA256, .tlsAES128GCMSHA256])
        #expect(try AlgorithmNames.cipherSuites("tls_aes_256_gcm_sha384") == [.tlsAES256GCMSHA384])
    }

    @Test(arguments: ["", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_AES_128_GCM_SHA256,,"])
    func rejectsBadSuiteLists(list: String) {
        #expect(throws: ValidationError.self) { try AlgorithmNames.cipherSuites(list) }
    }

    @Test func parsesALPN() throws {
        #expect(try AlgorithmNames.applicationProtocols("h2,http/1.1") == ["h2", "http/1.1"])
        #expect(throws: ValidationError.self) { try AlgorithmNames.applicationProtocols("h2,") }
        #expect(throws: ValidationError.self) {
            try AlgorithmNames.applicationProtocols(String(repeating: "x", count: 256))
        }
    }
}
