import Foundation
import Testing

/// `tlskit explain --json` against `openssl s_server` and `tlskit server`: TLS 1.3, TLS 1.3
/// with HelloRetryRequest, TLS 1.2 ECDHE and TLS 1.2 RSA key exchange. Each message must come
/// in the right order with the right size, as the server saw it (`s_server -msg`) or as a relay
/// read it off the wire.
@Suite struct ExplainInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [.good(.p256), .good(.rsa2048), .expired])
    }

    /// The four handshakes: explain's options and the matching server options.
    enum Scenario: String, CaseIterable, CustomStringConvertible {
        case tls13, helloRetryRequest, tls12ECDHE, tls12RSA

        var description: String { rawValue }

        var explainArguments: [String] {
            switch self {
            case .tls13: ["--tls1_3"]
            case .helloRetryRequest: ["--tls1_3", "--groups", "P-256:X25519"]
            case .tls12ECDHE: ["--tls1_2"]
            case .tls12RSA: ["--tls1_2", "--legacy", "--cipher", "AES128-GCM-SHA256"]
            }
        }

        var leaf: FixtureLeafKind { self == .tls12RSA ? .good(.rsa2048) : .good(.p256) }
        var isTLS12: Bool { self == .tls12ECDHE || self == .tls12RSA }

        var openSSLArguments: (version: String, options: [String]) {
            switch self {
            case .tls13: ("-tls1_3", [])
            case .helloRetryRequest: ("-tls1_3", ["-groups", "X25519"])
            case .tls12ECDHE: ("-tls1_2", [])
            case .tls12RSA: ("-tls1_2", ["-cipher", "AES128-GCM-SHA256"])
            }
        }

        var tlskitServerArguments: [String] {
            switch self {
            case .tls13, .helloRetryRequest: ["--tls1_3"]
            case .tls12ECDHE: ["--tls1_2"]
            case .tls12RSA: ["--tls1_2", "--legacy", "--cipher", "AES128-GCM-SHA256"]
            }
        }

        /// The handshake messages each side sends, in order.
        var clientMessages: [String] {
            switch self {
            case .tls13: ["ClientHello", "Finished"]
            case .helloRetryRequest: ["ClientHello", "ClientHello", "Finished"]
            case .tls12ECDHE, .tls12RSA: ["ClientHello", "ClientKeyExchange", "Finished"]
            }
        }

        func serverMessages(tickets: Int) -> [String] {
            let tickets = Array(repeating: "NewSessionTicket", count: tickets)
            switch self {
            case .tls13: return ["ServerHello", "EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"] + tickets
            case .helloRetryRequest:
                return ["HelloRetryRequest", "ServerHello", "EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"] + tickets
            case .tls12ECDHE: return ["ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone"] + tickets + ["Finished"]
            case .tls12RSA: return ["ServerHello", "Certificate", "ServerHelloDone"] + tickets + ["Finished"]
            }
        }

        var roundTrips: Int { self == .tls13 ? 1 : 2 }
    }

    // MARK: The account, decoded

    struct Account: Decodable {
        struct Step: Decodable {
            struct Fact: Decodable {
                var label: String
                var value: String
            }

            var kind: String
            var title: String
            var from: String?
            var size: Int?
            var milliseconds: Double
            var facts: [Fact]
            var explanation: String
        }

        var completed: Bool
        var version: String?
        var roundTrips: Int
        var steps: [Step]

        /// The handshake messages `side` sent, as (title, size).
        func messages(from side: String) -> [Message] {
            steps.filter { $0.kind == "message" && $0.from == side }.map { Message(title: $0.title, size: $0.size ?? -1) }
        }

        func fact(_ label: String, in title: String) -> String? {
            steps.first { $0.title == title }?.facts.first { $0.label == label }?.value
        }
    }

    struct Message: Equatable, CustomStringConvertible {
        var title: String
        var size: Int
        var description: String { "\(title)(\(size))" }
    }

    func explain(port: UInt16, _ arguments: [String]) async throws -> (Account, PeerProcess) {
        let process = try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["explain", "127.0.0.1:\(port)", "--servername", "localhost", "--cafile", fixture.rootPath, "--json"] + arguments,
            timeout: InteropTimeouts.peer)
        let account = try JSONDecoder().decode(Account.self, from: Data(process.standardOutput.utf8))
        return (account, process)
    }

    // MARK: Against openssl s_server

    /// The handshake messages `s_server -msg` printed as (title, size) for one direction
    /// (`>>>` sent by the server, `<<<` received).
    static func openSSLMessages(_ output: String, marker: String) -> [Message] {
        output.split(separator: "\n").compactMap { line -> Message? in
            guard line.hasPrefix(marker + " "), let handshake = line.range(of: ", Handshake [length ") else { return nil }
            let rest = line[handshake.upperBound...]
            guard let close = rest.firstIndex(of: "]"), let size = Int(rest[..<close], radix: 16) else { return nil }
            let title = rest[close...].dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            return Message(title: title, size: size)
        }
    }

    @Test(arguments: Scenario.allCases)
    func explainAgainstOpenSSL(_ scenario: Scenario) async throws {
        let leaf = try fixture.leaf(scenario.leaf)
        let (version, options) = scenario.openSSLArguments
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-msg"] + options, version: version, keepStandardInputOpen: true)
        defer { server.stop() }
        let (account, process) = try await explain(port: port, scenario.explainArguments)
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        #expect(account.completed, "\(process.transcript)")
        #expect(account.roundTrips == scenario.roundTrips)
        let serverLog = try await Self.serverLog(server)
        var sentByServer = Self.openSSLMessages(serverLog, marker: ">>>")
        // s_server names a HelloRetryRequest "ServerHello"; the first of two is the retry.
        if scenario == .helloRetryRequest, sentByServer.first?.title == "ServerHello" {
            sentByServer[0].title = "HelloRetryRequest"
        }
        let receivedByServer = Self.openSSLMessages(serverLog, marker: "<<<")
        #expect(account.messages(from: "client") == receivedByServer, "\(serverLog)")
        #expect(account.messages(from: "server") == sentByServer, "\(serverLog)")
        let tickets = account.messages(from: "server").count { $0.title == "NewSessionTicket" }
        #expect(account.messages(from: "client").map(\.title) == scenario.clientMessages)
        #expect(account.messages(from: "server").map(\.title) == scenario.serverMessages(tickets: tickets))
        if !scenario.isTLS12 {
            #expect(tickets >= 1, "openssl s_server sends tickets after a TLS 1.3 handshake")
        }
        Self.checkStory(account, scenario)
    }

    /// s_server's -msg output, once it shows the client's Finished and the close_notify.
    static func serverLog(_ server: PeerProcess) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let output = server.standardOutput
            if output.contains("Finished"), output.contains("close_notify") {
                return output
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return server.standardOutput
    }

    // MARK: Against tlskit server

    /// A record as the relay logged it.
    struct LoggedRecord: Decodable {
        var from: String
        var type: Int
        var length: Int
        var body: String?
    }

    @Test(arguments: Scenario.allCases)
    func explainAgainstTLSKitServer(_ scenario: Scenario) async throws {
        let leaf = try fixture.leaf(scenario.leaf)
        let server = try await TLSKitServer.start(["--cert", leaf.chainPath, "--key", leaf.keyPath] + scenario.tlskitServerArguments)
        defer { server.process.stop() }
        let (proxy, port) = try await RecordLoggingProxy.start(upstream: server.port)
        defer { proxy.stop() }
        let (account, process) = try await explain(port: port, scenario.explainArguments)
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        #expect(account.completed, "\(process.transcript)")
        #expect(account.roundTrips == scenario.roundTrips)
        let tickets = account.messages(from: "server").count { $0.title == "NewSessionTicket" }
        #expect(account.messages(from: "client").map(\.title) == scenario.clientMessages)
        #expect(account.messages(from: "server").map(\.title) == scenario.serverMessages(tickets: tickets))
        Self.checkStory(account, scenario)

        let records = try await Self.loggedRecords(proxy, expectingCloseFrom: "client")
        for side in ["client", "server"] {
            let wire = Self.wireReading(records, from: side, tls12: scenario.isTLS12)
            let steps = account.steps.filter { $0.from == side }
            // Messages in the clear: exactly those explain shows before the keys changed.
            let clear = Self.plaintextSteps(steps, tls12: scenario.isTLS12)
            #expect(clear.map(\.title) == wire.plaintext.map(\.title), "\(side): \(records.map(\.type))")
            #expect(clear.map(\.size) == wire.plaintext.map(\.size), "\(side)")
            // Protected ones: the record bodies less the AEAD overhead add up to explain's sizes.
            let protected = steps.filter { step in !clear.contains { $0.title == step.title && $0.milliseconds == step.milliseconds } }
                .filter { $0.kind != "changeCipherSpec" }
            #expect(protected.reduce(0) { $0 + ($1.size ?? 0) } == wire.protectedBytes, "\(side): \(protected.map(\.title))")
            #expect(steps.count { $0.kind == "changeCipherSpec" } == wire.changeCipherSpecs, "\(side)")
        }
    }

    /// The relay's records, once the client's close_notify went through.
    static func loggedRecords(_ proxy: PeerProcess, expectingCloseFrom side: String) async throws -> [LoggedRecord] {
        let deadline = ContinuousClock.now + .seconds(10)
        var records: [LoggedRecord] = []
        repeat {
            records = proxy.standardOutput.split(separator: "\n").compactMap { try? JSONDecoder().decode(LoggedRecord.self, from: Data($0.utf8)) }
            if records.last(where: { $0.from == side }).map({ $0.type == 21 || $0.type == 23 }) == true, records.count > 6 {
                try await Task.sleep(for: .milliseconds(100))
                return proxy.standardOutput.split(separator: "\n").compactMap { try? JSONDecoder().decode(LoggedRecord.self, from: Data($0.utf8)) }
            }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return records
    }

    /// What one direction's records say: the handshake messages in the clear (type and size
    /// from their own headers), the protected bytes (record bodies less the AEAD overhead:
    /// TLS 1.3 inner content type and tag, RFC 8446, Section 5.2; TLS 1.2 AES-GCM explicit
    /// nonce and tag, RFC 5288, Section 3) and the change_cipher_spec records.
    static func wireReading(_ records: [LoggedRecord], from side: String, tls12: Bool) -> (plaintext: [Message], protectedBytes: Int, changeCipherSpecs: Int) {
        var clear: [UInt8] = []
        var protectedBytes = 0
        var changeCipherSpecs = 0
        var changed = false
        for record in records where record.from == side {
            switch record.type {
            case 20:
                changeCipherSpecs += 1
                if tls12 { changed = true }
            case 22 where !changed:
                clear += hexBytes(record.body ?? "") ?? []
            default:
                protectedBytes += record.length - (tls12 ? 24 : 17)
            }
        }
        var messages: [Message] = []
        var index = 0
        while index + 4 <= clear.count {
            let length = Int(clear[index + 1]) << 16 | Int(clear[index + 2]) << 8 | Int(clear[index + 3])
            let random = Array(clear.dropFirst(index + 4 + 2).prefix(32))
            messages.append(Message(title: Self.messageName(clear[index], random: random), size: 4 + length))
            index += 4 + length
        }
        return (messages, protectedBytes, changeCipherSpecs)
    }

    /// The steps of one side sent in the clear: TLS 1.3's hellos; TLS 1.2's messages before
    /// that side's ChangeCipherSpec.
    static func plaintextSteps(_ steps: [Account.Step], tls12: Bool) -> [Account.Step] {
        guard tls12 else {
            return steps.filter { ["ClientHello", "ServerHello", "HelloRetryRequest"].contains($0.title) }
        }
        return Array(steps.prefix { $0.kind != "changeCipherSpec" }.filter { $0.kind == "message" })
    }

    static let helloRetryRandom = hexBytes("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c") ?? []

    static func messageName(_ type: UInt8, random: [UInt8]) -> String {
        switch type {
        case 1: "ClientHello"
        case 2: random == helloRetryRandom ? "HelloRetryRequest" : "ServerHello"
        case 4: "NewSessionTicket"
        case 11: "Certificate"
        case 12: "ServerKeyExchange"
        case 14: "ServerHelloDone"
        case 16: "ClientKeyExchange"
        default: "type \(type)"
        }
    }

    /// The parts of the story each scenario must tell.
    static func checkStory(_ account: Account, _ scenario: Scenario, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(account.version == (scenario.isTLS12 ? "TLSv1.2" : "TLSv1.3"), sourceLocation: sourceLocation)
        let check = account.steps.first { $0.kind == "certificateCheck" }
        #expect(check?.facts.last?.value.hasPrefix("TRUSTED") == true, "\(String(describing: check))", sourceLocation: sourceLocation)
        #expect(check?.facts.contains { $0.label == "Name" && $0.value.contains("cover 'localhost'") } == true, sourceLocation: sourceLocation)
        let keys = account.steps.filter { $0.kind == "keys" }.map(\.title)
        if scenario.isTLS12 {
            #expect(keys == ["Master secret"], sourceLocation: sourceLocation)
            #expect(account.steps.count { $0.kind == "changeCipherSpec" } == 2, sourceLocation: sourceLocation)
            let forwardSecrecy = account.fact("Forward secrecy", in: "ServerHello") ?? ""
            #expect(forwardSecrecy.hasPrefix(scenario == .tls12RSA ? "NO" : "yes"), "\(forwardSecrecy)", sourceLocation: sourceLocation)
        } else {
            #expect(keys == ["Handshake keys", "Application keys"], sourceLocation: sourceLocation)
            #expect(account.fact("Key shares", in: "ClientHello") != nil, sourceLocation: sourceLocation)
        }
        if scenario == .helloRetryRequest {
            #expect(account.fact("Group asked for", in: "HelloRetryRequest") == "x25519", sourceLocation: sourceLocation)
        }
        for step in account.steps {
            #expect(!step.explanation.isEmpty || step.kind == "alert", "\(step.title)", sourceLocation: sourceLocation)
        }
        let times = account.steps.map(\.milliseconds)
        #expect(times == times.sorted(), sourceLocation: sourceLocation)
    }

    // MARK: Servers TLSKit's client refuses

    @Test func expiredCertificateIsReportedAndTheHandshakeShown() async throws {
        let leaf = try fixture.leaf(.expired)
        let (server, port) = try await OpenSSLServer.start(serving: leaf, [], keepStandardInputOpen: true)
        defer { server.stop() }
        let (account, process) = try await explain(port: port, [])
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        #expect(account.completed)
        let check = try #require(account.steps.first { $0.kind == "certificateCheck" })
        #expect(check.facts.last?.value.hasPrefix("REJECTED") == true, "\(check.facts)")
        #expect(check.facts.contains { $0.label == "Dates 0" && $0.value.hasPrefix("EXPIRED on ") }, "\(check.facts)")
        #expect(account.messages(from: "client").map(\.title) == ["ClientHello", "Finished"])
    }

    @Test func tls10OnlyServerIsShownUpToItsAlert() async throws {
        let leaf = try fixture.leaf(.good(.rsa2048))
        let (server, port) = try await OpenSSLServer.start(
            serving: leaf, ["-cipher", "ALL:@SECLEVEL=0"], version: "-tls1", keepStandardInputOpen: true)
        defer { server.stop() }
        let (account, process) = try await explain(port: port, [])
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        #expect(!account.completed)
        #expect(account.steps.map(\.title) == ["ClientHello", "Alert"], "\(process.transcript)")
        let alert = try #require(account.steps.last)
        #expect(alert.from == "server")
        #expect(alert.facts.contains { $0.label == "Description" && $0.value == "protocol_version" }, "\(alert.facts)")
    }

    @Test func mutualTLSShowsTheClientsCertificateAndSignature() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let client = try fixture.leaf(.client)
        let (server, port) = try await OpenSSLServer.start(
            serving: leaf, ["-msg", "-Verify", "2", "-CAfile", fixture.rootPath], keepStandardInputOpen: true)
        defer { server.stop() }
        let (account, process) = try await explain(port: port, ["--cert", client.chainPath, "--key", client.keyPath])
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        #expect(account.completed, "\(process.transcript)")
        #expect(account.messages(from: "client").map(\.title) == ["ClientHello", "Certificate", "CertificateVerify", "Finished"])
        #expect(account.messages(from: "client") == Self.openSSLMessages(try await Self.serverLog(server), marker: "<<<"))
        let sent = try #require(account.steps.first { $0.title == "Certificate" && $0.from == "client" })
        #expect(sent.facts.first?.value.contains("TLSKit Interop Client") == true, "\(sent.facts)")
        #expect(account.steps.contains { $0.title == "CertificateRequest" && $0.from == "server" })
    }

    @Test func clientExplainNarratesThenFetches() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let root = fixture.directory.appendingPathComponent("explain-site")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("explained\n".utf8).write(to: root.appendingPathComponent("index.html"))
        let server = try await TLSKitServer.start(["--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", root.path])
        defer { server.process.stop() }
        let process = try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["client", "127.0.0.1:\(server.port)", "--servername", "localhost", "--cafile", fixture.rootPath, "--explain", "--http", "/"],
            timeout: InteropTimeouts.peer)
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        #expect(process.standardOutput.contains("explained"), "\(process.transcript)")
        let account = process.standardError
        for title in ["[1] ClientHello", "ServerHello", "Certificate check", "Verdict:     TRUSTED", "Handshake complete: TLSv1.3"] {
            #expect(account.contains(title), "\(title): \(process.transcript)")
        }
        #expect(!account.contains("Protocol:          "), "the connection report gives way to the account")
    }

    @Test func unreachableServerIsAnError() async throws {
        let process = try await PeerProcess.run(
            try TLSKitExecutable.path(), ["explain", "127.0.0.1:\(try FreePort.allocate())", "--timeout", "5"], timeout: InteropTimeouts.peer)
        #expect(process.terminationStatus == 1, "\(process.transcript)")
        #expect(process.standardError.contains("tlskit: error: "), "\(process.transcript)")
    }
}
