import Foundation
import NIOCore
import NIOEmbedded
import NIOSSL
import TLSKit

// TLSKit and swift-nio-ssl side by side, in memory (no sockets), then a summary table.
// Usage: TLSBenchmarks [FILTER] — runs the benchmarks whose name contains FILTER.
@main
struct TLSBenchmarks {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == MemoryPerConnection.childFlag {
            guard arguments.count == 3, let stack = MemoryPerConnection.Stack(rawValue: arguments[1]), let count = Int(arguments[2])
            else { throw BenchmarkFailure("usage: \(MemoryPerConnection.childFlag) STACK COUNT") }
            try await MemoryPerConnection.child(stack: stack, count: count)
            return
        }
        var runner = BenchmarkRunner()
        runner.filter = arguments.first
        var table = ComparisonTable()
        try await handshakes(&runner, &table)
        try await resumedHandshakes(&runner, &table)
        try await keySchedule(&runner, &table)
        try await transfers(&runner, &table)
        try memory(&runner, &table)
        print("\n" + table.markdown(runner.results))
        print("\n" + perRecordAllocations(runner.results))
    }

    /// Full handshakes, client certificate verification included: TLSKit's handler and
    /// swift-nio-ssl's on EmbeddedChannels, TLSKit's sans-I/O pair, and the crypto floor,
    /// measured in turns.
    static func handshakes(_ runner: inout BenchmarkRunner, _ table: inout ComparisonTable) async throws {
        let floor = try CryptoFloor()
        let cases: [(label: String, leaf: DevelopmentKeyType, suite: CipherSuite, group: NamedGroup, curve: NIOTLSCurve, version: NIOSSL.TLSVersion)] = [
            ("TLS 1.3, X25519, ECDSA P-256", .p256, .tlsAES128GCMSHA256, .x25519, .x25519, .tlsv13),
            ("TLS 1.3, X25519, RSA-2048", .rsa2048, .tlsAES128GCMSHA256, .x25519, .x25519, .tlsv13),
            ("TLS 1.3, X25519MLKEM768, ECDSA P-256", .p256, .tlsAES128GCMSHA256, .x25519MLKEM768, .x25519_MLKEM768, .tlsv13),
            ("TLS 1.2 ECDHE-ECDSA, X25519, ECDSA P-256", .p256, .tlsECDHEECDSAWithAES128GCMSHA256, .x25519, .x25519, .tlsv12),
        ]
        for item in cases {
            let name = "Handshake \(item.label)"
            let pki = try BenchmarkPKI.make(leaf: item.leaf)
            let (client, server) = TLSKitPair.configurations(pki: pki, suite: item.suite, group: item.group)
            let (clientContext, serverContext) = try NIOSSLContexts.make(pki: pki, curve: item.curve, version: item.version)
            var group = InterleavedBenchmarks()
            group.addTimed("\(name): TLSKit (NIO)") {
                try EmbeddedTLSPair.handshake { try .tlskit(client: client, server: server) }
            }
            group.addTimed("\(name): swift-nio-ssl") {
                try EmbeddedTLSPair.handshake { try .nioSSL(clientContext: clientContext, serverContext: serverContext) }
            }
            group.addTimed("\(name): TLSKit (sans-I/O)") { try await TLSKitPair.handshake(client: client, server: server) }
            table.add("handshake \(item.label)", "\(name): TLSKit (NIO)", against: "\(name): swift-nio-ssl", label: "swift-nio-ssl")
            if item.version == .tlsv13 {
                let leaf: CryptoFloor.Leaf = item.leaf == .p256 ? .p256 : .rsa2048
                let kind: CryptoFloor.Group = item.group == .x25519 ? .x25519 : .x25519MLKEM768
                group.add("\(name): crypto floor") { try floor.handshake(leaf: leaf, group: kind) }
                table.add("handshake \(item.label), sans-I/O", "\(name): TLSKit (sans-I/O)", against: "\(name): crypto floor", label: "crypto floor")
                table.add("handshake \(item.label), swift-nio-ssl", "\(name): swift-nio-ssl", against: "\(name): crypto floor", label: "crypto floor")
            }
            try await runner.run(group)
        }
    }

    /// Resumed handshakes (TLSKit only: swift-nio-ssl has no resumption API), in turns with
    /// TLSKit's full handshake of the same version.
    static func resumedHandshakes(_ runner: inout BenchmarkRunner, _ table: inout ComparisonTable) async throws {
        for (label, suite) in [("TLS 1.3 (psk_dhe_ke)", CipherSuite.tlsAES128GCMSHA256), ("TLS 1.2 (ticket)", .tlsECDHEECDSAWithAES128GCMSHA256)] {
            let name = "Resumed handshake \(label): TLSKit (sans-I/O)"
            let full = "Full handshake \(label.prefix(7)): TLSKit (sans-I/O)"
            let pki = try BenchmarkPKI.make(leaf: .p256)
            let (client, server) = TLSKitPair.configurations(pki: pki, suite: suite, group: .x25519)
            var resuming = client
            resuming.sessionCache = InMemoryClientSessionCache()
            // The first handshake is full and fills the cache; each resumed one leaves a new ticket.
            _ = try await TLSKitPair.handshake(client: resuming, server: server)
            var group = InterleavedBenchmarks()
            group.addTimed(name) { try await TLSKitPair.handshake(client: resuming, server: server, expectResumed: true) }
            group.addTimed(full) { try await TLSKitPair.handshake(client: client, server: server) }
            try await runner.run(group)
            table.add("resumed handshake \(label)", name, against: full, label: "TLSKit full handshake")
        }
    }

    /// One key-schedule step through swift-crypto's HKDF against the HMAC inside it.
    static func keySchedule(_ runner: inout BenchmarkRunner, _ table: inout ComparisonTable) async throws {
        let cost = KeyScheduleCost()
        // The sink keeps the calls from being optimized away.
        let sink = BenchmarkSink()
        var group = InterleavedBenchmarks()
        group.add("Key schedule: 100 HKDF-Expand (swift-crypto)") { sink.value &+= cost.expand() }
        group.add("Key schedule: 100 HMAC-SHA256 (swift-crypto)") { sink.value &+= cost.hmac() }
        try await runner.run(group)
        table.add(
            "100 HKDF-Expand calls (key schedule)", "Key schedule: 100 HKDF-Expand (swift-crypto)",
            against: "Key schedule: 100 HMAC-SHA256 (swift-crypto)", label: "100 HMAC-SHA256")
        guard sink.value != 0 || runner.results["Key schedule: 100 HMAC-SHA256 (swift-crypto)"] == nil else {
            throw BenchmarkFailure("the key schedule benchmark computed nothing")
        }
    }

    static let writeSize = 1 << 20
    static let writesPerTransfer = 64

    /// 64 MiB in 1 MiB writes over an established connection, sending and receiving timed
    /// apart, in turns with swift-nio-ssl and with swift-crypto's AEAD alone.
    static func transfers(_ runner: inout BenchmarkRunner, _ table: inout ComparisonTable) async throws {
        let pki = try BenchmarkPKI.make(leaf: .p256)
        let chunk = ByteBuffer(repeating: 0x5A, count: writeSize)
        let bytes = writeSize * writesPerTransfer
        for (label, suite, algorithm) in [
            ("AES-128-GCM", CipherSuite.tlsAES128GCMSHA256, AEADFloor.Algorithm.aes128GCM),
            ("ChaCha20-Poly1305", .tlsChaCha20Poly1305SHA256, .chaCha20Poly1305),
        ] {
            let prefix = "Transfer 64 MiB \(label)"
            let (client, server) = TLSKitPair.configurations(pki: pki, suite: suite, group: .x25519)
            var group = InterleavedBenchmarks()
            let aead = try AEADFloor(algorithm)
            let floorBytes = AEADFloor.recordSize * AEADFloor.recordsPerOperation
            group.add("\(prefix) seal: crypto floor", bytesPerOperation: floorBytes) { try aead.seal() }
            group.add("\(prefix) open: crypto floor", bytesPerOperation: floorBytes) { try aead.open() }

            // Sending drops the sealed records, so receiving needs a pair of its own.
            var sender = try TLSKitPair(client: client, server: server)
            try await sender.run()
            group.addTimed("\(prefix) send: TLSKit (sans-I/O)", bytesPerOperation: bytes) {
                try sender.timeSending(chunk, times: writesPerTransfer)
            }
            var receiver = try TLSKitPair(client: client, server: server)
            try await receiver.run()
            group.addTimed("\(prefix) receive: TLSKit (sans-I/O)", bytesPerOperation: bytes) {
                try receiver.timeReceiving(chunk, times: writesPerTransfer)
            }
            try addEmbedded(to: &group, "\(prefix) %@: TLSKit (NIO)", chunk: chunk, bytes: bytes) {
                try EmbeddedTLSPair.tlskit(client: client, server: server)
            }
            for direction in ["send", "receive"] {
                let floorName = "\(prefix) \(direction == "send" ? "seal" : "open"): crypto floor"
                table.add("\(label) \(direction), sans-I/O", "\(prefix) \(direction): TLSKit (sans-I/O)", against: floorName, label: "swift-crypto alone")
            }
            // BoringSSL picks AES-128-GCM in TLS 1.3 and cannot be told otherwise.
            if algorithm == .aes128GCM {
                let (clientContext, serverContext) = try NIOSSLContexts.make(pki: pki, curve: .x25519)
                try addEmbedded(to: &group, "\(prefix) %@: swift-nio-ssl", chunk: chunk, bytes: bytes) {
                    try EmbeddedTLSPair.nioSSL(clientContext: clientContext, serverContext: serverContext)
                }
                for direction in ["send", "receive"] {
                    table.add("\(label) \(direction)", "\(prefix) \(direction): TLSKit (NIO)", against: "\(prefix) \(direction): swift-nio-ssl", label: "swift-nio-ssl")
                }
            }
            try await runner.run(group)
        }
    }

    /// Sending and receiving over EmbeddedChannels, each on a new established pair from
    /// `makePair` (sending drops the records, so the receiving pair must be another one).
    /// `nameFormat` has one `%@`, for "send" or "receive".
    static func addEmbedded(
        to group: inout InterleavedBenchmarks, _ nameFormat: String, chunk: ByteBuffer, bytes: Int,
        makePair: () throws -> EmbeddedTLSPair
    ) throws {
        let sender = try makePair()
        try sender.run()
        group.addTimed(String(format: nameFormat, "send"), bytesPerOperation: bytes) {
            try EmbeddedTransfer.timeSending(chunk, times: writesPerTransfer, from: sender.client)
        }
        let receiver = try makePair()
        try receiver.run()
        group.addTimed(String(format: nameFormat, "receive"), bytesPerOperation: bytes) {
            try EmbeddedTransfer.timeReceiving(
                chunk, times: writesPerTransfer, from: receiver.client, to: receiver.server, received: { receiver.receivedByServer })
        }
    }

    static func memory(_ runner: inout BenchmarkRunner, _ table: inout ComparisonTable) throws {
        guard runner.isSelected("Memory per connection") else { return }
        let results = try MemoryPerConnection.measureAll()
        for (_, result) in results.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { runner.record(result) }
        table.add(
            "memory per established connection pair (NIO)", "Memory per connection pair TLSKit (NIO)",
            against: "Memory per connection pair swift-nio-ssl", label: "swift-nio-ssl")
    }

    /// Allocations per 16 KiB record, from the 64 MiB transfers (4096 records each way).
    static func perRecordAllocations(_ results: [String: BenchmarkResult]) -> String {
        let records = writeSize * writesPerTransfer / 16_384
        var lines = ["| allocations per 16 KiB record | send (seal) | receive (open) |", "|---|---|---|"]
        for stack in ["TLSKit (sans-I/O)", "TLSKit (NIO)", "swift-nio-ssl"] {
            for label in ["AES-128-GCM", "ChaCha20-Poly1305"] {
                let prefix = "Transfer 64 MiB \(label)"
                guard let send = results["\(prefix) send: \(stack)"]?.allocationsPerOperation,
                    let receive = results["\(prefix) receive: \(stack)"]?.allocationsPerOperation
                else { continue }
                lines.append(
                    "| \(stack), \(label) | " + String(format: "%.2f", Double(send) / Double(records)) + " | "
                        + String(format: "%.2f", Double(receive) / Double(records)) + " |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
