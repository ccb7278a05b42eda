import Foundation
import FuzzSupport
import TLSKit

/// The certificate and private key loaders (`PEMCertificateLoader`, `TLSSigningKey(pemEncoded:)`)
/// against arbitrary bytes. The first byte says how to present the rest: 0 as is (PEM text or
/// DER), or base64 inside a PEM block of the kind 1 "CERTIFICATE", 2 "PRIVATE KEY", 3 "EC
/// PRIVATE KEY", 4 "RSA PRIVATE KEY", so that the DER parsers are reached through PEM too.
/// Every loader must return or throw.
@main
enum FuzzPEMLoaderEntry {
    static func main() { LibFuzzer.run(testOneInput: fuzzPEMLoader) }
}

let blockLabels = ["CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"]

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPEMLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let mode = Int(data[0]) % (blockLabels.count + 1)
    let bytes: [UInt8]
    if mode == 0 {
        bytes = rest
    } else {
        let label = blockLabels[mode - 1]
        let base64 = Data(rest).base64EncodedString(options: .lineLength64Characters)
        bytes = Array("-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n".utf8)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? PEMCertificateLoader.certificates(fromBytes: bytes)
    _ = try? PEMCertificateLoader.certificates(fromPEM: text)
    _ = try? PEMCertificateLoader.privateKey(fromPEM: text)
    _ = try? TLSSigningKey(pemEncoded: text)
    if mode == 0 {
        _ = try? PEMCertificateLoader.certificate(fromDER: bytes)
        _ = try? PEMCertificateLoader.privateKey(fromDER: bytes)
    }
    return 0
}
