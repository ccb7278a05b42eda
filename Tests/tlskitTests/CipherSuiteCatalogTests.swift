import TLSKit
import Testing

@testable import tlskit

/// The IANA names and traits of `CipherSuiteCatalog`.
@Suite struct CipherSuiteCatalogTests {
    @Test func codePointsAndNamesAreUnique() {
        #expect(Set(CipherSuiteCatalog.all.map(\.code)).count == CipherSuiteCatalog.all.count)
        #expect(Set(CipherSuiteCatalog.all.map(\.name)).count == CipherSuiteCatalog.all.count)
        #expect(CipherSuiteCatalog.all.allSatisfy { $0.name.hasPrefix("TLS_") })
    }

    @Test func namesMatchTheRegistry() {
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0x002F)) == "TLS_RSA_WITH_AES_128_CBC_SHA")
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0xC013)) == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0x000A)) == "TLS_RSA_WITH_3DES_EDE_CBC_SHA")
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0x0005)) == "TLS_RSA_WITH_RC4_128_SHA")
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0x1304)) == "TLS_AES_128_CCM_SHA256")
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0xCCAA)) == "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256")
        #expect(CipherSuiteCatalog.name(CipherSuite(rawValue: 0x0A0A)) == "0x0A0A")
    }

    @Test func agreesWithTLSKitsOwnNames() {
        for suite in CipherSuite.tls13Suites + CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites {
            #expect(CipherSuiteCatalog.name(suite) == suite.description)
        }
    }

    @Test func traits() throws {
        let cbc = try #require(CipherSuiteCatalog.entry(0x002F))
        #expect(cbc.isCBC && cbc.isStaticRSA && !cbc.isInsecure && !cbc.isTLS13)
        #expect(try #require(CipherSuiteCatalog.entry(0x0003)).isInsecure)
        #expect(try #require(CipherSuiteCatalog.entry(0x0002)).isInsecure)
        #expect(try #require(CipherSuiteCatalog.entry(0x1301)).isTLS13)
        #expect(CipherSuiteCatalog.tls13.count == 5)
        #expect(CipherSuiteCatalog.ecdhe.allSatisfy { $0.name.hasPrefix("TLS_ECDHE_") })
        #expect(CipherSuiteCatalog.weaknesses(of: "TLS_RSA_WITH_AES_128_CBC_SHA") == ["no forward secrecy", "CBC"])
        #expect(CipherSuiteCatalog.weaknesses(of: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA") == ["insecure", "no forward secrecy", "CBC"])
        #expect(CipherSuiteCatalog.weaknesses(of: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").isEmpty)
        #expect(CipherSuiteCatalog.weaknesses(of: "TLS_AES_128_GCM_SHA256").isEmpty)
    }
}
