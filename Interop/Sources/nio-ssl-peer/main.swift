#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOPosix
import NIOSSL

// swift-nio-ssl (BoringSSL) as a TLS peer for scripts/interop-matrix; PeerOptions describes
// the command line. Exit status: 0 when the client got the reply it expected, 1 on any failure, 64 on
// a usage error. The server runs until it is killed.

let options: PeerOptions
do {
    options = try PeerOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    PeerOutput.line("nio-ssl-peer: \(error)")
    exit(64)
}

do {
    let context = try NIOSSLContext(configuration: try options.makeTLSConfiguration())
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    switch options.mode {
    case .server:
        try await Peer.runServer(options, context: context, group: group)
    case .client:
        guard try await Peer.runClient(options, context: context, group: group) else {
            PeerOutput.line("nio-ssl-peer: the reply did not hold '\(options.expect ?? options.send)'")
            exit(1)
        }
    }
} catch {
    PeerOutput.line("ERROR \(error)")
    exit(1)
}
exit(0)
