import Crypto
import Foundation
import FuzzSupport
import NIOCore
import TLSKit
import X509

/// The server state machine against arbitrary client bytes, cut into reads at positions the
/// first byte chooses. The connection must fail with a TLSError or wait for more input.
let serverConfiguration: TLSServerConfiguration? = {
    let key = P256.Signing.PrivateKey()
    let name = try? DistinguishedName { CommonName("fuzz.example") }
    guard let name,
          let certificate = try? Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600), notValidAfter: Date().addingTimeInterval(86400), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions {
                SubjectAlternativeNames([.dnsName("fuzz.example")])
            }, issuerPrivateKey: .init(key)),
          let identity = try? TLSCertificateIdentity(chain: [certificate], privateKey: TLSSigningKey(key))
    else { return nil }
    var configuration = TLSServerConfiguration(identities: [identity])
    configuration.maxEarlyDataSize = 16384
    return configuration
}()

@main
enum FuzzServerEntry {
    static func main() {
        guard serverConfiguration != nil else {
            print("FuzzServer: could not build the server's certificate and configuration")
            exit(1)
        }
        LibFuzzer.run(testOneInput: fuzzServer)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzServer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard let serverConfiguration, var connection = try? TLSConnection(configuration: serverConfiguration) else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzDriver.feed(input, to: &connection)
    return 0
}
