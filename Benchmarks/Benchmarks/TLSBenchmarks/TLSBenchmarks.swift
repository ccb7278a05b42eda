import Benchmark
import NIOCore
import NIOSSL
import TLSKit

/// TLSKit and swift-nio-ssl side by side, in memory (no sockets): full handshakes with
/// certificate verification, and bulk transfer over an established connection.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3),
        maxIterations: 10_000)

    let pki: BenchmarkPKI
    do {
        pki = try BenchmarkPKI.make()
    } catch {
        print("benchmarks: could not make the test PKI: \(error)")
        return
    }

    Benchmark("Handshake TLSKit (TLS 1.3, X25519, ECDSA P-256, verified)") { benchmark in
        for _ in benchmark.scaledIterations {
            var pair = try TLSKitPair(pki: pki, suite: .tlsAES128GCMSHA256, group: .x25519)
            try await pair.run()
            blackHole(pair)
        }
    }

    Benchmark("Handshake swift-nio-ssl (TLS 1.3, X25519, ECDSA P-256, verified)") { benchmark in
        let (clientContext, serverContext) = try NIOSSLPair.contexts(
            pki: pki, suite: .TLS_AES_128_GCM_SHA256, curve: .x25519)
        for _ in benchmark.scaledIterations {
            let pair = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
            try pair.run()
            blackHole(pair)
        }
    }

    Benchmark("Handshake TLSKit (TLS 1.3, X25519MLKEM768, ECDSA P-256, verified)") { benchmark in
        for _ in benchmark.scaledIterations {
            var pair = try TLSKitPair(pki: pki, suite: .tlsAES128GCMSHA256, group: .x25519MLKEM768)
            try await pair.run()
            blackHole(pair)
        }
    }

    Benchmark("Handshake swift-nio-ssl (TLS 1.3, X25519MLKEM768, ECDSA P-256, verified)") { benchmark in
        let (clientContext, serverContext) = try NIOSSLPair.contexts(
            pki: pki, suite: .TLS_AES_128_GCM_SHA256, curve: .x25519_MLKEM768)
        for _ in benchmark.scaledIterations {
            let pair = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
            try pair.run()
            blackHole(pair)
        }
    }

    let chunk = ByteBuffer(repeating: 0x5A, count: 64 * 1024)
    let chunksPerTransfer = 64  // 4 MiB

    Benchmark(
        "Transfer 4 MiB TLSKit (AES-128-GCM)",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        var pair = try TLSKitPair(pki: pki, suite: .tlsAES128GCMSHA256, group: .x25519)
        try await pair.run()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for _ in 0..<chunksPerTransfer {
                try pair.client.write(chunk)
                try await pair.run()
            }
        }
        benchmark.stopMeasurement()
        blackHole(pair.receivedByServer)
    }

    Benchmark(
        "Transfer 4 MiB swift-nio-ssl (AES-128-GCM)",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        let (clientContext, serverContext) = try NIOSSLPair.contexts(
            pki: pki, suite: .TLS_AES_128_GCM_SHA256, curve: .x25519)
        let pair = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
        try pair.run()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for _ in 0..<chunksPerTransfer {
                try pair.client.writeOutbound(chunk)
                try pair.run()
            }
        }
        benchmark.stopMeasurement()
        blackHole(pair.receivedByServer)
    }
}
