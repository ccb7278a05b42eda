import Foundation
import NIOCore
import TLSKit
import TLSKitNIO

/// The soak run: `total` TLS connections (100,000 by default) between a `TLSServer` and
/// `TLSClient`s in this process, over loopback, each one a handshake (in turn TLS 1.3 and TLS
/// 1.2, resumed and full), 1 KiB echoed and a close_notify. Every
/// tenth of the run prints the resident memory and the open file descriptors; at the end it
/// says whether both stayed flat (exit status 1 if not).
@main
enum TLSSoak {
    /// Connections in flight at once.
    static let concurrency = 4
    /// The bytes each connection sends and gets back.
    static let payload = ByteBuffer(repeating: 0x61, count: 1024)
    /// Growth allowed after the first quarter: the session caches have reached their bounds
    /// by then, and the allocator's pools settle.
    static let allowedMemoryGrowth = 8 * 1024 * 1024
    static let allowedDescriptorGrowth = 4

    static func main() async throws {
        let total = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf()
        let identity = try TLSCertificateIdentity(
            chain: [leaf.certificate, pki.intermediate.certificate], privateKey: TLSSigningKey(pemEncoded: leaf.privateKeyPEM))
        var serverConfiguration = TLSServerConfiguration(identities: [identity])
        // A session-ID cache that reaches its bound early in the run, so that what grows after
        // the first quarter is not the cache filling up (20,000 entries by default).
        serverConfiguration.sessionCache = TLS12SessionCache(capacity: 1_000)
        let server = try await TLSServer.bind(host: "127.0.0.1", port: 0, configuration: serverConfiguration)
        guard let port = server.localAddress?.port else { throw TLSError(code: .internalError, reason: "the server has no port") }
        let serverTask = Task {
            await withDiscardingTaskGroup { group in
                for await connection in server.connections {
                    group.addTask { try? await echo(connection) }
                }
            }
        }

        let verifier = DefaultCertificateVerifier(trustRoots: .certificates([pki.root.certificate]))
        // TLS 1.3 and TLS 1.2, each resuming from a session cache and with none (full handshakes).
        let configurations = [(ProtocolVersion.tls13, true), (.tls12, true), (.tls13, false), (.tls12, false)].map { version, resumes in
            var configuration = TLSClientConfiguration(certificateVerifier: verifier)
            configuration.versions = [version]
            if !resumes { configuration.sessionCache = nil }
            return configuration
        }
        let progress = SoakProgress()
        let start = ContinuousClock.now
        let baseline = Sample.now()
        report("soak: \(total) connections, \(concurrency) at a time; at start \(baseline)")
        var quarter: Sample?
        var nextReport = total / 10

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask { @Sendable in
                    while true {
                        let index = progress.next()
                        guard index <= total else { return }
                        do {
                            let summary = try await exchange(port: port, configuration: configurations[index % configurations.count])
                            progress.finished(resumed: summary.resumed)
                        } catch {
                            if progress.failed.load(ordering: .relaxed) < 5 { report("soak: connection \(index) failed: \(error)") }
                            progress.finished(resumed: nil)
                        }
                    }
                }
            }
            while progress.completed.load(ordering: .relaxed) < total {
                try await Task.sleep(for: .milliseconds(100))
                let done = progress.completed.load(ordering: .relaxed)
                guard done >= nextReport else { continue }
                nextReport += total / 10
                let sample = Sample.now()
                if quarter == nil, done >= total / 4 { quarter = sample }
                let seconds = Double((ContinuousClock.now - start).components.seconds)
                report("soak: \(progress.summary), \(Int(Double(done) / max(1, seconds)))/s; \(sample)")
            }
            try await group.waitForAll()
        }
        try await Task.sleep(for: .milliseconds(500))
        let end = Sample.now()
        try await server.close()
        serverTask.cancel()

        let reference = quarter ?? baseline
        let memoryFlat = end.residentBytes - reference.residentBytes <= allowedMemoryGrowth
        let descriptorsFlat = end.openDescriptors - baseline.openDescriptors <= allowedDescriptorGrowth
        report("soak: at the end \(end); after a quarter \(reference)")
        report("soak: resident memory \(memoryFlat ? "flat" : "GREW") (\((end.residentBytes - reference.residentBytes) / 1024) KiB since a quarter, at most \(allowedMemoryGrowth / 1024) KiB allowed), "
            + "open descriptors \(descriptorsFlat ? "flat" : "GREW") (\(end.openDescriptors - baseline.openDescriptors) more than at start), "
            + "\(progress.failed.load(ordering: .relaxed)) connections failed")
        if !memoryFlat || !descriptorsFlat || progress.failed.load(ordering: .relaxed) > 0 { exit(1) }
    }

    /// Writes a line to standard output at once (print buffers when it is not a terminal).
    static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// One connection: handshake, 1 KiB sent and read back, close_notify.
    static func exchange(port: Int, configuration: TLSClientConfiguration) async throws -> HandshakeSummary {
        let connection = try await TLSClient.connect(host: "127.0.0.1", port: port, serverName: "localhost", configuration: configuration)
        try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(payload)
            var received = 0
            for try await chunk in inbound {
                received += chunk.readableBytes
                if received >= payload.readableBytes { break }
            }
            guard received == payload.readableBytes else {
                throw TLSError(code: .closed, reason: "the server echoed \(received) of \(payload.readableBytes) bytes")
            }
        }
        return connection.summary
    }

    /// The server's side: echo until the client closes.
    static func echo(_ connection: TLSServerConnection) async throws {
        try await connection.executeThenClose { inbound, outbound in
            for try await chunk in inbound { try await outbound.write(chunk) }
        }
    }
}
