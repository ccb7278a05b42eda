import FuzzSupport
import NIOCore
import TLSKit

/// The client state machine against arbitrary server bytes: after its ClientHello, the input
/// is what "the server" sends, cut into reads at the positions the first byte chooses. The
/// connection must fail with a TLSError or wait for more input; anything else is a bug.
struct AcceptAnyCertificate: CertificateVerifier {
    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult { .skippedInsecure }
}

@main
enum FuzzClientEntry {
    static func main() { LibFuzzer.run(testOneInput: fuzzClient) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzClient(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var configuration = TLSClientConfiguration(certificateVerifier: AcceptAnyCertificate())
    configuration.keyShareGroups = [.x25519]
    configuration.sessionCache = nil
    guard var connection = try? TLSConnection(configuration: configuration, serverName: "localhost") else { return 0 }
    FuzzDriver.feed(input, to: &connection)
    return 0
}
