import Foundation
import NIOCore
import NIOSSL
import TLSKit

/// Memory per connection: a child process takes N connection pairs through the handshake,
/// exchanges 1 KiB each way on each and drains it, and reports its resident memory (peak and
/// final, above what it had before the first pair). Two values of N give the slope: bytes
/// per established, idle connection pair, for each stack.
enum MemoryPerConnection {
    enum Stack: String, CaseIterable {
        case tlskitNIO = "tlskit-nio"
        case nioSSL = "nio-ssl"
        case tlskit = "tlskit"

        var label: String {
            switch self {
            case .tlskitNIO: "TLSKit (NIO)"
            case .nioSSL: "swift-nio-ssl"
            case .tlskit: "TLSKit (sans-I/O)"
            }
        }
    }

    static let childFlag = "--memory-child"
    static let counts = (small: 1000, large: 5000)

    /// Runs the children for every stack and returns one result per stack.
    static func measureAll() throws -> [Stack: BenchmarkResult] {
        var results: [Stack: BenchmarkResult] = [:]
        for stack in Stack.allCases {
            let small = try runChild(stack, count: counts.small)
            let large = try runChild(stack, count: counts.large)
            let connections = Double(counts.large - counts.small)
            let peak = Double(large.peak - small.peak) / connections
            let final = Double(large.final - small.final) / connections
            results[stack] = BenchmarkResult(
                name: "Memory per connection pair \(stack.label)", bytesPerConnection: (peak: peak, final: final))
        }
        return results
    }

    private static func runChild(_ stack: Stack, count: Int) throws -> (peak: Int, final: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [childFlag, stack.rawValue, String(count)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard process.terminationStatus == 0, words.count == 3, words[0] == "MEMORY",
            let peak = Int(words[1]), let final = Int(words[2])
        else {
            throw BenchmarkFailure("the memory child for \(stack.rawValue) \(count) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return (peak, final)
    }

    /// The child's side: N pairs of `stack`, then "MEMORY <peak> <final>" in bytes above the
    /// resident size before the first pair.
    static func child(stack: Stack, count: Int) async throws {
        let pki = try BenchmarkPKI.make(leaf: .p256)
        let (clientConfiguration, serverConfiguration) = TLSKitPair.configurations(
            pki: pki, suite: .tlsAES128GCMSHA256, group: .x25519)
        let (clientContext, serverContext) = try NIOSSLContexts.make(pki: pki, curve: .x25519)
        let kilobyte = ByteBuffer(repeating: 0x61, count: 1024)

        var tlskitPairs: [TLSKitPair] = []
        var nioPairs: [EmbeddedTLSPair] = []
        func makePair() async throws {
            switch stack {
            case .tlskit:
                var pair = try TLSKitPair(client: clientConfiguration, server: serverConfiguration)
                try await pair.run()
                try pair.client.write(kilobyte)
                try pair.transfer()
                try pair.server.write(kilobyte)
                try pair.transfer()
                guard pair.receivedByServer == 1024 else { throw BenchmarkFailure("the TLSKit pair lost data") }
                tlskitPairs.append(pair)
            case .tlskitNIO, .nioSSL:
                let pair = try stack == .tlskitNIO
                    ? EmbeddedTLSPair.tlskit(client: clientConfiguration, server: serverConfiguration)
                    : EmbeddedTLSPair.nioSSL(clientContext: clientContext, serverContext: serverContext)
                try pair.run()
                try pair.client.writeOutbound(kilobyte)
                try pair.server.writeOutbound(kilobyte)
                try pair.run()
                guard pair.isHandshakeComplete, pair.receivedByServer == 1024 else {
                    throw BenchmarkFailure("the \(stack.label) pair did not exchange its data")
                }
                nioPairs.append(pair)
            }
        }
        // One pair first, so lazily built state (metadata, caches) is in the baseline.
        try await makePair()
        tlskitPairs.reserveCapacity(count + 1)
        nioPairs.reserveCapacity(count + 1)
        let before = try MemoryProbe.resident().current
        try MemoryProbe.resetPeak()
        for _ in 0..<count { try await makePair() }
        let after = try MemoryProbe.resident()
        print("MEMORY \(after.peak - before) \(after.current - before)")
        withExtendedLifetime((tlskitPairs, nioPairs)) {}
    }
}
