import Crypto
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
            notValidBefore: .now - 3600, notValidAfter: .now + 86400, issuer: name, subject: name,
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
    static func main() { LibFuzzer.run(testOneInput: fuzzServer) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzServer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard let serverConfiguration, var connection = try? TLSConnection(configuration: serverConfiguration) else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let step = max(1, Int(input.first ?? 1))
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + step * 37)
        var chunk = ByteBuffer(bytes: input[offset..<end])
        connection.receive(&chunk)
        offset = end
        do {
            while try connection.nextAction() != nil {}
        } catch {
            return 0
        }
    }
    return 0
}
