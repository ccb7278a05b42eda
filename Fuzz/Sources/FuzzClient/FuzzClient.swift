import Foundation
import FuzzSupport
import NIOCore
import TLSKit

/// The client state machine against arbitrary server bytes. The first input byte picks one of
/// `FuzzProfiles.clients` (TLS 1.3 and 1.2, TLS 1.2 only, each with or without a client
/// certificate); after its ClientHello, the rest is what "the server" sends, cut into reads
/// by `FuzzDriver`. The connection must fail with a TLSError or wait for more input.
@main
enum FuzzClientEntry {
    static func main() {
        guard FuzzProfiles.clients != nil else {
            print("FuzzClient: could not build the client configurations")
            exit(1)
        }
        LibFuzzer.run(testOneInput: fuzzClient)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzClient(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0, let clients = FuzzProfiles.clients else { return 0 }
    let configuration = clients[Int(data[0]) % clients.count]
    guard var connection = try? TLSConnection(configuration: configuration, serverName: "localhost") else { return 0 }
    FuzzDriver.feed(Array(UnsafeBufferPointer(start: data + 1, count: size - 1)), to: &connection)
    return 0
}
