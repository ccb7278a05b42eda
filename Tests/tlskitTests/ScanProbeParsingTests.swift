import TLSKit
import Testing

@testable import tlskit

/// Reading what a server answers to a scan's ClientHello: records, handshake messages split
/// across records and reads, alerts, garbage and oversized input.
@Suite struct ScanProbeParsingTests {
    /// A TLS 1.0 ServerHello as OpenSSL sends it: TLS_RSA_WITH_AES_128_CBC_SHA,
    /// renegotiation_info and extended_master_secret.
    static let serverHelloBody: [UInt8] =
        [0x03, 0x01] + [UInt8](repeating: 0x5A, count: 32) + [0x00]
        + [0x00, 0x2F, 0x00]
        + [0x00, 0x09, 0xFF, 0x01, 0x00, 0x01, 0x00, 0x00, 0x17, 0x00, 0x00]

    static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16), UInt8((body.count >> 8) & 0xFF), UInt8(body.count & 0xFF)] + body
    }

    static func record(_ type: UInt8, _ fragment: [UInt8], version: UInt16 = 0x0301) -> [UInt8] {
        [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(fragment.count >> 8), UInt8(fragment.count & 0xFF)] + fragment
    }

    static func assemble(_ chunks: [[UInt8]]) throws -> (ProbeReply, Bool) {
        var reader = PlaintextRecordReader()
        var assembler = ProbeReplyAssembler()
        for chunk in chunks {
            try reader.append(chunk)
            while let event = try reader.next() {
                assembler.absorb(event)
                if assembler.isComplete { return (assembler.reply, true) }
            }
        }
        return (assembler.reply, assembler.isComplete)
    }

    @Test func recordedTLS10FlightSplitAcrossRecordsAndReads() throws {
        let certificate: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x01]
        let certificateBody: [UInt8] = [0x00, 0x00, 0x08, 0x00, 0x00, 0x05] + certificate
        let flight = Self.handshake(2, Self.serverHelloBody) + Self.handshake(11, certificateBody) + Self.handshake(22, [1, 0, 0, 0])
            + Self.handshake(14, [])
        // The flight in two records, the second cut in the middle of a message, fed in 7-byte reads.
        let split = 30
        let bytes = Self.record(22, Array(flight[..<split])) + Self.record(22, Array(flight[split...]))
        let chunks = stride(from: 0, to: bytes.count, by: 7).map { Array(bytes[$0..<min($0 + 7, bytes.count)]) }
        let (reply, complete) = try Self.assemble(chunks)
        #expect(complete)
        #expect(reply.negotiatedVersion == .tls10)
        #expect(reply.serverHello?.cipherSuite.rawValue == 0x002F)
        #expect(reply.serverHelloHas(.renegotiationInfo))
        #expect(reply.serverHelloHas(.extendedMasterSecret))
        #expect(!reply.serverHelloHas(.statusRequest))
        #expect(reply.certificates == [certificate])
        #expect(reply.sawCertificateStatus)
        #expect(!reply.sawServerKeyExchange)
    }

    @Test func tls13ServerHelloEndsThePlaintext() throws {
        let body: [UInt8] =
            [0x03, 0x03] + [UInt8](repeating: 1, count: 32) + [0x00] + [0x13, 0x02, 0x00]
            + [0x00, 0x2E, 0x00, 0x2B, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x24, 0x00, 0x1D, 0x00, 0x20]
            + [UInt8](repeating: 9, count: 32)
        let bytes = Self.record(22, Self.handshake(2, body), version: 0x0303) + Self.record(20, [1]) + Self.record(23, [1, 2, 3])
        let (reply, complete) = try Self.assemble([bytes])
        #expect(complete)
        #expect(reply.negotiatedVersion == .tls13)
        #expect(reply.serverHello?.cipherSuite == .tlsAES256GCMSHA384)
        #expect(reply.tls13Group == .x25519)
    }

    @Test func alertBeforeServerHelloIsARefusal() throws {
        let (reply, complete) = try Self.assemble([Self.record(21, [2, 70])])
        #expect(complete)
        #expect(reply.outcome == .alert(.protocolVersion))
        #expect(reply.refusalDescription.hasPrefix("alert "))
    }

    @Test func garbageAndOversizedInputAreErrorsNotCrashes() {
        var reader = PlaintextRecordReader()
        #expect(throws: ScanProtocolError.self) {
            try reader.append(Array("HTTP/1.1 400 Bad Request\r\n".utf8))
            _ = try reader.next()
        }
        var oversized = PlaintextRecordReader()
        #expect(throws: ScanProtocolError.self) {
            try oversized.append([22, 3, 1, 0xFF, 0xFF])
            _ = try oversized.next()
        }
        var bounded = PlaintextRecordReader(maximumTotalBytes: 100)
        #expect(throws: ScanProtocolError.self) {
            try bounded.append([UInt8](repeating: 0, count: 101))
        }
        var hugeMessage = PlaintextRecordReader(maximumMessageLength: 1000)
        #expect(throws: ScanProtocolError.self) {
            try hugeMessage.append(Self.record(22, [11, 0x01, 0x00, 0x00]))
            _ = try hugeMessage.next()
        }
    }

    @Test func truncatedServerHelloIsMalformed() throws {
        let body = Array(Self.serverHelloBody.prefix(20))
        let (reply, complete) = try Self.assemble([Self.record(22, Self.handshake(2, body))])
        #expect(complete)
        guard case .malformed(let why) = reply.outcome else {
            Issue.record("expected malformed, got \(reply.outcome)")
            return
        }
        #expect(why.contains("ServerHello"))
    }

    @Test func handshakeBeforeServerHelloIsMalformed() throws {
        let (reply, _) = try Self.assemble([Self.record(22, Self.handshake(14, []))])
        #expect(reply.serverHello == nil)
        #expect(reply.outcome != .closed)
    }

    @Test func probeHelloOffersWhatItSays() throws {
        var hello = ProbeHello(version: .tls10, cipherSuites: [CipherSuite(rawValue: 0x002F)], serverName: "example.com")
        hello.fallbackSCSV = true
        let record = hello.record()
        #expect(Array(record[0..<3]) == [22, 3, 1])
        #expect(Int(record[3]) << 8 | Int(record[4]) == record.count - 5)
        guard case .clientHello(let decoded) = try HandshakeMessage.decodePlaintext(
            type: .clientHello, body: Array(record[9...]), tls12: true)
        else {
            Issue.record("not a ClientHello")
            return
        }
        #expect(decoded.legacyVersion == .tls10)
        #expect(decoded.cipherSuites == [CipherSuite(rawValue: 0x002F), .tlsFallbackSCSV])
        #expect(!decoded.extensions.contains { $0.type == .supportedVersions })
        #expect(!decoded.extensions.contains { $0.type == .signatureAlgorithms })

        let tls13 = ProbeHello(version: .tls13, cipherSuites: CipherSuite.tls13Suites, serverName: nil).clientHello()
        #expect(tls13.legacyVersion == .tls12)
        #expect(tls13.extensions.contains(.supportedVersionsClient([.tls13])))
        let shares = tls13.extensions.compactMap { if case .keyShareClient(let entries) = $0 { entries } else { nil } }.first
        #expect(shares?.map(\.group) == [.x25519])
        #expect(shares?.first?.keyExchange.count == 32)
    }

    @Test func helloSizesInTheHangWindowArePaddedTo512() {
        for count in [1, 20, 60, 100, 200] {
            let suites = CipherSuiteCatalog.legacy.prefix(count).map(\.suite)
            let hello = ProbeHello(version: .tls12, cipherSuites: suites, serverName: "example.com").clientHello()
            let length = HandshakeMessage.clientHello(hello).encodedBytes.count
            #expect(!ProbeHello.paddingWindow.contains(length), "\(count) suites: \(length) bytes")
        }
    }

    @Test func bitLengthOfModuli() {
        #expect(CertificateFacts.bitLength([0x00, 0x80] + [UInt8](repeating: 0, count: 127)) == 1024)
        #expect(CertificateFacts.bitLength([0x01, 0x00]) == 9)
        #expect(CertificateFacts.bitLength([0x00, 0x00]) == 0)
    }

    @Test func certificateFactsOfADevelopmentLeaf() throws {
        let pki = try DevelopmentPKI.generate(rootName: "Scan Root", intermediateName: "Scan Intermediate")
        let leaf = try pki.issueLeaf(keyType: .rsa2048)
        let facts = try CertificateFacts(derEncoded: try leaf.certificateDER())
        #expect(facts.keyAlgorithm == "RSA")
        #expect(facts.keyBits == 2048)
        #expect(facts.dnsNames == ["localhost"])
        #expect(facts.ipAddresses == ["127.0.0.1"])
        #expect(!facts.isSelfIssued)
        #expect(CertificateInspector.matches("localhost", facts: facts))
        #expect(CertificateInspector.matches("127.0.0.1", facts: facts))
        #expect(!CertificateInspector.matches("example.com", facts: facts))
        #expect(throws: (any Error).self) { try CertificateFacts(derEncoded: [0x30, 0x03, 0x02, 0x01]) }
    }
}
