import Crypto
import Testing

@testable import TLSKit

/// The NSS key log line of a TLS 1.2 session (draft-ietf-tls-keylogfile, Section 3.1).
@Suite struct TLS12KeyLogLineTests {
    @Test func clientRandomLine() {
        let clientRandom = (0..<32).map { UInt8($0) }
        let masterSecret = SymmetricKey(data: [UInt8](repeating: 0xAB, count: 47) + [0x0F])
        let line = KeyLogLine.format(label: .clientRandom, clientRandom: clientRandom, secret: masterSecret)
        #expect(
            line == "CLIENT_RANDOM 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
                + String(repeating: "ab", count: 47) + "0f")
        let fields = line.split(separator: " ")
        #expect(fields.count == 3)
        #expect(fields[1].count == 64 && fields[2].count == 96)
        #expect(!line.hasSuffix("\n"))
    }

    /// The line for a master secret the PRF derives from an ECDHE exchange.
    @Test func lineForADerivedMasterSecret() throws {
        let clientRandom = RandomBytes.generate(count: 32)
        let serverRandom = RandomBytes.generate(count: 32)
        let masterSecret = TLS12PRF.masterSecret(
            hash: .sha256, preMasterSecret: SymmetricKey(size: .bits256), clientRandom: clientRandom, serverRandom: serverRandom)
        let line = KeyLogLine.format(label: .clientRandom, clientRandom: clientRandom, secret: masterSecret)
        let secretHex = masterSecret.withUnsafeBytes { $0.hexString }
        #expect(line == "CLIENT_RANDOM \(clientRandom.hexString) \(secretHex)")
    }
}
