import Foundation
import NIOCore
import NIOSSL
import TLSKit

// TLSKit and swift-nio-ssl side by side, in memory (no sockets): full TLS 1.3 and TLS 1.2 handshakes with
// certificate verification on the client, and bulk transfer over an established connection.
// Usage: TLSBenchmarks [FILTER] — runs the benchmarks whose name contains FILTER.
@main
struct TLSBenchmarks {
    static func main() async throws {

        var runner = BenchmarkRunner()
        runner.filter = CommandLine.arguments.dropFirst().first
        let pki = try BenchmarkPKI.make()

        for (label, group, curve) in [
            ("X25519", NamedGroup.x25519, NIOTLSCurve.x25519),
            ("X25519MLKEM768", .x25519MLKEM768, .x25519_MLKEM768),
        ] {
            try await runner.run("Handshake TLSKit        (\(label), ECDSA P-256, verified)") {
                var pair = try TLSKitPair(pki: pki, suite: .tlsAES128GCMSHA256, group: group)
                try await pair.run()
                guard pair.client.isHandshakeComplete, pair.server.isHandshakeComplete else {
                    throw TLSError(code: .internalError, reason: "the TLSKit handshake did not complete")
                }
            }
            let (clientContext, serverContext) = try NIOSSLPair.contexts(pki: pki, curve: curve)
            try await runner.run("Handshake swift-nio-ssl (\(label), ECDSA P-256, verified)") {
                let pair = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
                try pair.run()
            }
        }

        // RFC 5246: the full TLS 1.2 ECDHE-ECDSA handshake (two round trips, EMS).
        try await runner.run("Handshake TLSKit        (TLS 1.2 ECDHE-ECDSA, X25519, verified)") {
            var pair = try TLSKitPair(pki: pki, suite: .tlsECDHEECDSAWithAES128GCMSHA256, group: .x25519)
            try await pair.run()
            guard pair.client.isHandshakeComplete, pair.server.isHandshakeComplete else {
                throw TLSError(code: .internalError, reason: "the TLSKit TLS 1.2 handshake did not complete")
            }
        }
        do {
            let (clientContext, serverContext) = try NIOSSLPair.contexts(pki: pki, curve: .x25519, version: .tlsv12)
            try await runner.run("Handshake swift-nio-ssl (TLS 1.2 ECDHE-ECDSA, X25519, verified)") {
                let pair = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
                try pair.run()
            }
        }

        let chunk = ByteBuffer(repeating: 0x5A, count: 64 * 1024)
        let chunksPerTransfer = 64
        let transferBytes = chunk.readableBytes * chunksPerTransfer

        for (label, suite) in [
            ("AES-128-GCM", CipherSuite.tlsAES128GCMSHA256),
            ("ChaCha20-Poly1305", .tlsChaCha20Poly1305SHA256),
        ] {
            var tlskit = try TLSKitPair(pki: pki, suite: suite, group: .x25519)
            try await tlskit.run()
            try await runner.run("Transfer 4 MiB TLSKit        (\(label))", bytesPerOperation: transferBytes) {
                let before = tlskit.receivedByServer
                for _ in 0..<chunksPerTransfer {
                    try tlskit.client.write(chunk)
                    try tlskit.transfer()
                }
                guard tlskit.receivedByServer - before == transferBytes else {
                    throw TLSError(code: .internalError, reason: "TLSKit transfer lost data")
                }
            }
        }
        do {
            let label = "AES-128-GCM"
            let (clientContext, serverContext) = try NIOSSLPair.contexts(pki: pki, curve: .x25519)
            let nioSSL = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
            try nioSSL.run()
            try await runner.run("Transfer 4 MiB swift-nio-ssl (\(label))", bytesPerOperation: transferBytes) {
                let before = nioSSL.receivedByServer
                for _ in 0..<chunksPerTransfer {
                    try nioSSL.client.writeOutbound(chunk)
                    try nioSSL.run()
                }
                guard nioSSL.receivedByServer - before == transferBytes else {
                    throw TLSError(code: .internalError, reason: "swift-nio-ssl transfer lost data")
                }
            }
        }
    }
}
