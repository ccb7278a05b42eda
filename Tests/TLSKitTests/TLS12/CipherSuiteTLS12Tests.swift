import Testing

@testable import TLSKit

/// The TLS 1.2 cipher suite code points, their names and their parameters.
@Suite struct CipherSuiteTLS12Tests {
    /// Code point, IANA name, OpenSSL name (as `openssl ciphers -V -stdname` prints them).
    static let names: [(UInt16, String, String?)] = [
        (0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
        (0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
        (0x1303, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"),
        (0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
        (0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
        (0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
        (0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
        (0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
        (0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
        (0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
        (0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"),
        (0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", nil),
        (0x5600, "TLS_FALLBACK_SCSV", nil),
    ]

    @Test(arguments: names.indices)
    func namesRoundTrip(index: Int) {
        let (code, iana, openssl) = Self.names[index]
        let suite = CipherSuite(rawValue: code)
        #expect(suite.description == iana)
        #expect(CipherSuite(name: iana) == suite)
        #expect(suite.opensslName == openssl)
        if let openssl {
            #expect(CipherSuite(opensslName: openssl) == suite)
        }
    }

    @Test func unknownNamesAreRejected() {
        #expect(CipherSuite(name: "TLS_RSA_WITH_AES_128_CBC_SHA") == nil)
        #expect(CipherSuite(name: "ECDHE-RSA-AES128-GCM-SHA256") == nil)  // an OpenSSL name is not an IANA name
        #expect(CipherSuite(opensslName: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") == nil)
        #expect(CipherSuite(opensslName: "AES128-SHA") == nil)
        #expect(CipherSuite(opensslName: "") == nil)
        #expect(CipherSuite(rawValue: 0x002F).description == "0x2f")
        #expect(CipherSuite(rawValue: 0x002F).opensslName == nil)
    }

    @Test func listsHoldTheRightSuitesInOrder() {
        #expect(
            CipherSuite.tls12Suites.compactMap(\.opensslName) == [
                "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
            ])
        #expect(CipherSuite.tls12RSAKeyExchangeSuites == [.tlsRSAWithAES128GCMSHA256, .tlsRSAWithAES256GCMSHA384])
        #expect(CipherSuite.tls13Suites.count == 3)
    }

    @Test(arguments: CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites)
    func tls12ParametersMatchTheName(suite: CipherSuite) throws {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        let name = suite.description
        #expect(parameters.suite == suite)
        #expect(CipherSuiteParameters.tls13(suite) == nil)
        #expect(parameters.hash == (name.hasSuffix("_SHA384") ? .sha384 : .sha256))
        #expect(parameters.keyExchange == (name.hasPrefix("TLS_ECDHE_") ? .ecdhe : .rsa))
        #expect(parameters.authentication == (name.contains("_ECDSA_") ? .ecdsa : .rsa))
        #expect(parameters.ivLength == 12)
        #expect(parameters.tagLength == 16)
        if name.contains("CHACHA20") {
            #expect(parameters.aead == .chaCha20Poly1305)
            #expect(parameters.keyLength == 32)
            #expect(parameters.fixedIVLength == 12)
            #expect(parameters.explicitNonceLength == 0)
        } else {
            #expect(parameters.aead == (name.contains("AES_128") ? .aes128GCM : .aes256GCM))
            #expect(parameters.keyLength == (name.contains("AES_128") ? 16 : 32))
            #expect(parameters.fixedIVLength == 4)
            #expect(parameters.explicitNonceLength == 8)
        }
    }

    @Test func tls13ParametersAreUnchanged() throws {
        for suite in CipherSuite.tls13Suites {
            let parameters = try #require(CipherSuiteParameters.tls13(suite))
            #expect(CipherSuiteParameters.tls12(suite) == nil)
            #expect(parameters.keyExchange == nil && parameters.authentication == nil)
            #expect(parameters.fixedIVLength == 12 && parameters.explicitNonceLength == 0)
        }
        #expect(CipherSuiteParameters.tls12(.tlsFallbackSCSV) == nil)
        #expect(CipherSuiteParameters.tls12(.tlsEmptyRenegotiationInfoSCSV) == nil)
    }

    @Test func newAtoms() {
        #expect(HandshakeType.helloRequest.rawValue == 0 && HandshakeType.helloRequest.description == "HelloRequest")
        #expect(HandshakeType.serverKeyExchange.rawValue == 12)
        #expect(HandshakeType.serverHelloDone.rawValue == 14)
        #expect(HandshakeType.clientKeyExchange.rawValue == 16)
        #expect(ExtensionType.ecPointFormats.rawValue == 11 && ExtensionType.ecPointFormats.description == "ec_point_formats")
        #expect(ExtensionType.extendedMasterSecret.rawValue == 23)
        #expect(ExtensionType.extendedMasterSecret.description == "extended_master_secret")
        #expect(ExtensionType.sessionTicket.rawValue == 35 && ExtensionType.sessionTicket.description == "session_ticket")
        #expect(ExtensionType.renegotiationInfo.rawValue == 0xFF01)
        #expect(ExtensionType.renegotiationInfo.description == "renegotiation_info")
        #expect(ProtocolVersion.ssl30.rawValue == 0x0300 && ProtocolVersion.ssl30.description == "SSLv3")
        #expect([ProtocolVersion.tls10, .tls11, .tls12].map(\.rawValue) == [0x0301, 0x0302, 0x0303])
    }
}
