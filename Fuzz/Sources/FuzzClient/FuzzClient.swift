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
    let step = max(1, Int(input.first ?? 1))
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + step * 37)
        var chunk = ByteBuffer(bytes: input[offset..<end])
        connection.receive(&chunk)
        offset = end
        do {
            while let action = try connection.nextAction() {
                if case .verifyPeer = action { connection.completeVerification(.skippedInsecure) }
            }
        } catch {
            return 0
        }
    }
    return 0
}
