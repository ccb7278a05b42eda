import Foundation
import FuzzSupport
import NIOCore
import TLSKit

/// The server state machine against arbitrary client bytes. The first input byte picks one of
/// `FuzzProfiles.servers` (TLS 1.3 and 1.2 with 0-RTT, TLS 1.2 only with a P-256 or an RSA
/// key, client certificate required or optional); the rest is what "the client" sends, cut
/// into reads by `FuzzDriver`. The connection must fail with a TLSError or wait for more input.
@main
enum FuzzServerEntry {
    static func main() {
        guard FuzzProfiles.servers != nil else {
            print("FuzzServer: could not build the server's certificates and configurations")
            exit(1)
        }
        LibFuzzer.run(testOneInput: fuzzServer)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzServer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0, let servers = FuzzProfiles.servers else { return 0 }
    let configuration = servers[Int(data[0]) % servers.count]
    guard var connection = try? TLSConnection(configuration: configuration) else { return 0 }
    FuzzDriver.feed(Array(UnsafeBufferPointer(start: data + 1, count: size - 1)), to: &connection)
    return 0
}
