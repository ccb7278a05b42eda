import Crypto
import Foundation
import FuzzSupport
import NIOCore
@testable import TLSKit

/// Writes seed files into `corpus/TARGET/`: the byte streams each side of a handshake
/// received, the records in them, the handshake messages in those records (TLS 1.3 ones
/// opened with the keys from the key log) and their extension blocks.
struct SeedWriter {
    let root: URL
    private(set) var written: [String: Int] = [:]

    init(root: URL) { self.root = root }

    /// Writes one seed; the name is the scenario's and a counter, so runs overwrite each other.
    mutating func write(_ bytes: [UInt8], target: String, name: String) {
        let directory = root.appendingPathComponent(target)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let count = written[target, default: 0]
        written[target] = count + 1
        let file = directory.appendingPathComponent("seed-\(name)-\(count)")
        FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
    }

    /// The seeds of one finished pipe: the state machine inputs, the deframer inputs, and the
    /// messages, extension blocks and record contents found in both directions.
    mutating func writeSeeds(of pipe: SeedPipe, scenario: SeedScenario, keyLog: KeyLogCollector) {
        let fromServer = Array(pipe.receivedByClient.readableBytesView)
        let fromClient = Array(pipe.receivedByServer.readableBytesView)
        write([UInt8(scenario.client)] + fromServer, target: "FuzzClient", name: scenario.name)
        write([UInt8(scenario.server)] + fromClient, target: "FuzzServer", name: scenario.name)
        write(fromServer, target: "FuzzDeframer", name: scenario.name)
        write(fromClient, target: "FuzzDeframer", name: scenario.name)

        let suite = pipe.clientSummary?.cipherSuite
        let directions: [(ByteBuffer, [String])] = [
            (pipe.receivedByClient, ["SERVER_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0"]),
            (pipe.receivedByServer, ["CLIENT_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0"]),
        ]
        for (stream, labels) in directions {
            let protections: [TLS13RecordProtection] = labels.compactMap { label in
                guard scenario.tls12Form == nil, let suite, let parameters = CipherSuiteParameters.tls13(suite),
                      let secret = keyLog.secret(label)
                else { return nil }
                return TLS13RecordProtection(parameters: parameters, trafficSecret: SymmetricKey(data: secret))
            }
            let contents = Self.contents(of: stream, protections: protections)
            for (index, content) in contents.enumerated() {
                let selector = [UInt8(index % FuzzRecordSelector.protectionCount), content.type.rawValue, 0, UInt8(truncatingIfNeeded: index)]
                write(selector + Array(content.bytes.readableBytesView), target: "FuzzRecordProtection", name: scenario.name)
            }
            var handshake = ByteBuffer()
            for content in contents where content.type == .handshake { handshake.writeImmutableBuffer(content.bytes) }
            writeMessages(handshake, form: scenario.tls12Form ?? .tls13, name: scenario.name)
        }
    }

    /// The contents of the records in `stream`, in order: plaintext records as they are,
    /// protected ones opened with the first of `protections` (tried in order) that opens them;
    /// records nothing opens (TLS 1.2 after ChangeCipherSpec, after a KeyUpdate) are left out.
    static func contents(of stream: ByteBuffer, protections: [TLS13RecordProtection]) -> [(type: ContentType, bytes: ByteBuffer)] {
        var deframer = RecordDeframer()
        var stream = stream
        deframer.append(&stream)
        var protections = protections[...]
        var contents: [(type: ContentType, bytes: ByteBuffer)] = []
        // TLS 1.2: after the peer's ChangeCipherSpec every record is under keys not logged here.
        var encrypted = false
        while let record = try? deframer.nextRecord() {
            switch record.contentType {
            case .changeCipherSpec:
                if protections.isEmpty { encrypted = true }
            case .applicationData where !protections.isEmpty:
                while var protection = protections.first {
                    if let opened = try? protection.open(record) {
                        protections[protections.startIndex] = protection
                        contents.append((opened.contentType, opened.plaintext))
                        break
                    }
                    protections = protections.dropFirst()
                }
            default:
                if !encrypted { contents.append((record.contentType, record.fragment)) }
            }
        }
        return contents
    }

    /// One FuzzMessages seed per message in a handshake stream, and one per extension block.
    mutating func writeMessages(_ stream: ByteBuffer, form: FuzzMessageSelector.Form, name: String) {
        var stream = stream
        while let type = stream.readInteger(as: UInt8.self), let high = stream.readInteger(as: UInt8.self),
              let low = stream.readInteger(as: UInt16.self), let body = stream.readSlice(length: Int(high) << 16 | Int(low)) {
            let bodyBytes = Array(body.readableBytesView)
            guard let selector = FuzzMessageSelector.message(type: type, form: form).byte else { continue }
            write([selector] + bodyBytes, target: "FuzzMessages", name: name)
            let decodeForm: HandshakeMessage.Form = switch form {
            case .tls13: .tls13
            case .tls12: .tls12(keyExchange: nil)
            case .tls12ECDHE: .tls12(keyExchange: .ecdhe)
            case .tls12RSA: .tls12(keyExchange: .rsa)
            }
            guard let message = try? HandshakeMessage.decode(type: HandshakeType(rawValue: type), body: body, form: decodeForm) else {
                print("FuzzSeeds: \(name): a \(HandshakeType(rawValue: type)) does not decode")
                continue
            }
            for (context, extensions) in Self.extensionBlocks(message) {
                var block = ByteBuffer()
                TLSExtension.encodeBlock(extensions, into: &block)
                guard let selector = FuzzMessageSelector.extensions(context: context).byte else { continue }
                write([selector] + Array(block.readableBytesView), target: "FuzzMessages", name: name)
            }
        }
    }

    /// The extension blocks of a message, with their context's number in `FuzzMessageSelector`.
    static func extensionBlocks(_ message: HandshakeMessage) -> [(Int, [TLSExtension])] {
        switch message {
        case .clientHello(let hello): [(0, hello.extensions)]
        case .serverHello(let hello): [(hello.isHelloRetryRequest ? 2 : 1, hello.extensions)]
        case .encryptedExtensions(let message): [(3, message.extensions)]
        case .certificate(let message): message.entries.map { (4, $0.extensions) }
        case .certificateRequest(let message): [(5, message.extensions)]
        case .newSessionTicket(let message): [(6, message.extensions)]
        default: []
        }
    }
}
