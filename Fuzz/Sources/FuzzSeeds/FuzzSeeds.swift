import Foundation
import FuzzSupport
import NIOCore
import TLSKit

/// Writes seed corpora for every fuzz target from real handshakes between TLSKit's client and
/// server in memory (TLS 1.3, HelloRetryRequest, TLS 1.2 with ECDHE and RSA key exchange,
/// resumption of both, mutual TLS), and from development certificates and keys for
/// FuzzPEMLoader. Usage: `FuzzSeeds [CORPUS_DIRECTORY]` (default `corpus`). Exits non-zero
/// if a handshake fails, since its seeds would then stop short.
@main
enum FuzzSeedsEntry {
    static func main() {
        let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "corpus")
        guard let clients = FuzzProfiles.clients, let servers = FuzzProfiles.servers else {
            print("FuzzSeeds: could not build the configurations")
            exit(1)
        }
        var writer = SeedWriter(root: root)
        var failed = false
        for scenario in SeedScenario.all {
            var client = clients[scenario.client]
            scenario.adjust(&client)
            if scenario.resumes { client.sessionCache = InMemoryClientSessionCache() }
            for round in 0..<(scenario.resumes ? 2 : 1) {
                let keyLog = KeyLogCollector()
                client.keyLog = keyLog.closure
                guard let pipe = handshake(client, servers[scenario.server]) else {
                    print("FuzzSeeds: \(scenario.name): a connection could not be created")
                    failed = true
                    continue
                }
                let resumed = pipe.clientSummary?.resumed ?? false
                if let failure = pipe.failure.map({ "\($0)" }) ?? (pipe.clientSummary == nil ? "no handshake" : nil) {
                    print("FuzzSeeds: \(scenario.name): the handshake failed: \(failure)")
                    failed = true
                } else if round == 1 && !resumed {
                    print("FuzzSeeds: \(scenario.name): the second handshake did not resume")
                    failed = true
                }
                writer.writeSeeds(of: pipe, scenario: scenario, keyLog: keyLog)
            }
        }
        writePEMSeeds(&writer)
        for (target, count) in writer.written.sorted(by: { $0.key < $1.key }) {
            print("FuzzSeeds: \(count) seeds for \(target)")
        }
        exit(failed ? 1 : 0)
    }

    /// A handshake, a line of application data each way, a key update (TLS 1.3), close_notify.
    static func handshake(_ client: TLSClientConfiguration, _ server: TLSServerConfiguration) -> SeedPipe? {
        guard let clientConnection = try? TLSConnection(configuration: client, serverName: "localhost"),
              let serverConnection = try? TLSConnection(configuration: server)
        else { return nil }
        var pipe = SeedPipe(client: clientConnection, server: serverConnection)
        pipe.run()
        guard pipe.failure == nil, pipe.clientSummary != nil else { return pipe }
        try? pipe.client.write(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"))
        try? pipe.server.write(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        if pipe.clientSummary?.version == .tls13 { try? pipe.client.updateKeys(requestPeerUpdate: true) }
        pipe.run()
        pipe.client.close()
        pipe.server.close()
        pipe.run()
        return pipe
    }

    /// Certificates and keys of every development key type, as PEM and DER, in the input forms
    /// FuzzPEMLoader reads (first byte 0: as is; 1-4: DER to wrap in a PEM block).
    static func writePEMSeeds(_ writer: inout SeedWriter) {
        let labels = ["CERTIFICATE": UInt8(1), "PRIVATE KEY": 2, "EC PRIVATE KEY": 3, "RSA PRIVATE KEY": 4]
        guard let pki = try? DevelopmentPKI.generate() else { return }
        for keyType in DevelopmentKeyType.allCases {
            guard let leaf = try? pki.issueLeaf(keyType: keyType),
                  let pem = try? pki.chainPEM(for: leaf), let der = try? leaf.certificateDER()
            else { continue }
            let name = keyType.rawValue
            writer.write([0] + Array(pem.utf8), target: "FuzzPEMLoader", name: name)
            writer.write([0] + der, target: "FuzzPEMLoader", name: name)
            writer.write([1] + der, target: "FuzzPEMLoader", name: name)
            writer.write([0] + Array(leaf.privateKeyPEM.utf8), target: "FuzzPEMLoader", name: name)
            if let (label, keyDER) = pemBlock(leaf.privateKeyPEM), let mode = labels[label] {
                writer.write([0] + keyDER, target: "FuzzPEMLoader", name: name)
                writer.write([mode] + keyDER, target: "FuzzPEMLoader", name: name)
            }
        }
    }

    /// The label and the DER bytes of the first block of a PEM text.
    static func pemBlock(_ pem: String) -> (String, [UInt8])? {
        let lines = pem.split(whereSeparator: \.isNewline).map(String.init)
        guard let begin = lines.first(where: { $0.hasPrefix("-----BEGIN ") }) else { return nil }
        let label = String(begin.dropFirst("-----BEGIN ".count).dropLast("-----".count))
        let body = lines.drop(while: { $0 != begin }).dropFirst().prefix(while: { !$0.hasPrefix("-----END ") }).joined()
        guard let der = Data(base64Encoded: body) else { return nil }
        return (label, Array(der))
    }
}

/// Never called: `-sanitize=fuzzer` links libFuzzer into every executable of the package, and
/// libFuzzer refers to this symbol, so the seed writer defines it too.
@_cdecl("LLVMFuzzerTestOneInput")
func unusedTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
