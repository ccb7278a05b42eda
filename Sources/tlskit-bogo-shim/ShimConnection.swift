import NIOCore
import TLSKit

/// One connection to the runner: the shim id, the handshake, the `-expect-*` checks, then
/// the echo loop of BoringSSL's shim (every byte read is written back XORed with 0xff) until
/// the runner closes the connection.
struct ShimConnection {
    let options: ShimOptions
    /// 0 for the first connection, then 1... for the resumptions.
    let index: Int
    let state: ShimSessionState
    /// How much of `initialWrite` went out as 0-RTT data.
    private var earlyDataWritten = 0

    init(options: ShimOptions, index: Int, state: ShimSessionState) {
        self.options = options
        self.index = index
        self.state = state
    }

    mutating func run() throws {
        var connection: TLSConnection
        do {
            if options.isServer {
                connection = try TLSConnection(configuration: try options.serverConfiguration(sharing: state))
            } else {
                connection = try TLSConnection(
                    configuration: try options.clientConfiguration(sharing: state), serverName: options.hostName)
            }
        } catch let error as TLSError {
            throw ShimFailure.unimplemented("configuration: \(error.reason)")
        }
        // -shim-writes-first on a connection that may send 0-RTT data writes what fits as early
        // data (RFC 8446, Section 2.3) and the rest after the handshake; rejected, TLSKit
        // sends the early part again after its Finished.
        if options.shimWritesFirst, options.enableEarlyData, connection.earlyDataCapacity > 0 {
            earlyDataWritten = min(connection.earlyDataCapacity, Self.initialWrite.readableBytes)
            try connection.writeEarlyData(Self.initialWrite.getSlice(at: 0, length: earlyDataWritten) ?? ByteBuffer())
        }
        let socket = try ShimSocket(port: options.port, ipv6: options.ipv6)
        defer { socket.disconnect() }
        var id = options.shimID.littleEndian
        try socket.write(withUnsafeBytes(of: &id) { Array($0) })

        do {
            try exchange(&connection, socket: socket)
            if options.expectTicketSupportsEarlyData, !state.clientSessions.lastSessionAllowsEarlyData {
                throw ShimFailure.failed("the last ticket received does not allow early data")
            }
        } catch {
            // The alert is out; let the runner read it before the connection goes (closing
            // with unread input would reset it and lose the alert).
            socket.shutdownWrite()
            socket.drainUntilEnd()
            throw error
        }
    }

    /// The handshake and the echo loop, then our close_notify.
    private func exchange(_ connection: inout TLSConnection, socket: ShimSocket) throws {
        var finished = false
        while !finished {
            finished = try drain(&connection, socket: socket)
            if finished { break }
            let bytes = try socket.read()
            guard !bytes.isEmpty else {
                guard connection.isHandshakeComplete else {
                    throw ShimFailure.failed("the runner closed the connection during the handshake")
                }
                break
            }
            var buffer = ByteBuffer(bytes: bytes)
            connection.receive(&buffer)
        }
        if options.checkCloseNotify, !options.shimShutsDown, !connection.isClosedByPeer {
            throw ShimFailure.failed("the runner closed the connection without close_notify")
        }
        // The shim's own close_notify (RFC 8446, Section 6.1); the runner may be gone already.
        connection.close()
        while let action = try? connection.nextAction() {
            if case .send(let records) = action { try? socket.write(Array(records.readableBytesView)) }
        }
        if options.checkCloseNotify, options.shimShutsDown {
            try awaitCloseNotify(&connection, socket: socket)
        }
        socket.shutdownWrite()
    }

    /// `-check-close-notify` after `-shim-shuts-down`: the runner must answer our close_notify
    /// with its own (RFC 8446, Section 6.1); a fatal alert or the end of the stream fails.
    private func awaitCloseNotify(_ connection: inout TLSConnection, socket: ShimSocket) throws {
        while !connection.isClosedByPeer {
            let bytes = try socket.read()
            guard !bytes.isEmpty else { throw ShimFailure.failed("the runner closed the connection without close_notify") }
            var buffer = ByteBuffer(bytes: bytes)
            connection.receive(&buffer)
            do {
                while try connection.nextAction() != nil {}
            } catch let error as TLSError {
                throw ShimFailure.failed("TLS error \(error.code.rawValue): \(error.reason)")
            }
        }
    }

    /// Carries out actions until the connection needs input; true when the exchange is over.
    private func drain(_ connection: inout TLSConnection, socket: ShimSocket) throws -> Bool {
        while true {
            let action: TLSAction?
            do {
                action = try connection.nextAction()
            } catch let error as TLSError {
                throw ShimFailure.failed("TLS error \(error.code.rawValue): \(error.reason)")
            }
            guard let action else { return false }
            switch action {
            case .send(let records):
                try socket.write(Array(records.readableBytesView))
            case .deliver(let data):
                guard connection.isHandshakeComplete, !options.shimShutsDown else { continue }
                try connection.write(ByteBuffer(bytes: data.readableBytesView.map { $0 ^ 0xff }))
            case .verifyPeer:
                // BoringSSL's verify callbacks fail only under -verify-fail; a failure ends the
                // handshake when the peer's certificate is required (-verify-peer, or always on
                // a server, which asks only then), and is only recorded otherwise.
                state.first.chainVerified = !options.verifyFail
                let fatal = options.isServer || options.verifyPeer
                let verifier = ShimCertificateVerifier(
                    accepts: !options.verifyFail || !fatal,
                    rejectionAlert: options.useCustomVerifyCallback ? .certificateUnknown : .handshakeFailure)
                connection.completeVerification(verifier.verdict)
            case .handshakeCompleted(let summary):
                try check(summary)
                try afterHandshake(&connection)
                if options.shimShutsDown {
                    try flush(&connection, socket: socket)
                    return true
                }
            case .closed:
                return true
            }
        }
    }

    /// Sends what is queued (the records of writes made after the handshake).
    private func flush(_ connection: inout TLSConnection, socket: ShimSocket) throws {
        while let action = try connection.nextAction() {
            if case .send(let records) = action { try socket.write(Array(records.readableBytesView)) }
        }
    }

    /// What BoringSSL's shim writes right after the handshake: exported keying material
    /// (RFC 8446, Section 7.5), then "hello" with `-shim-writes-first`.
    private func afterHandshake(_ connection: inout TLSConnection) throws {
        if options.exportKeyingMaterial > 0 {
            let exported: [UInt8]
            do {
                exported = try connection.exportKeyingMaterial(
                    label: options.exportLabel,
                    context: options.useExportContext ? Array(options.exportContext.utf8) : nil,
                    length: options.exportKeyingMaterial)
            } catch let error as TLSError {
                throw ShimFailure.failed("failed to export keying material: \(error.reason)")
            }
            try connection.write(ByteBuffer(bytes: exported))
        }
        if options.shimWritesFirst {
            try connection.write(Self.initialWrite.getSlice(
                at: earlyDataWritten, length: Self.initialWrite.readableBytes - earlyDataWritten) ?? ByteBuffer())
        }
    }

    /// What `-shim-writes-first` writes.
    static let initialWrite = ByteBuffer(string: "hello")

    /// The `-expect-*` flags against what was negotiated.
    private func check(_ negotiated: HandshakeSummary) throws {
        var summary = negotiated
        if summary.resumed, let original = state.first.summary {
            summary.signatureScheme = summary.signatureScheme ?? original.signatureScheme
            summary.group = summary.group ?? original.group
        }
        if index == 0 { state.first.summary = negotiated }
        func expect(_ holds: Bool, _ message: @autoclosure () -> String) throws {
            if !holds { throw ShimFailure.failed(message()) }
        }
        if let version = options.expectVersion {
            try expect(summary.version.rawValue == version, "version \(summary.version.rawValue), expected \(version)")
        }
        if let cipher = options.expectCipher {
            try expect(summary.cipherSuite.rawValue == cipher, "cipher \(summary.cipherSuite.rawValue), expected \(cipher)")
        }
        if let curve = options.expectCurveID {
            try expect(summary.group?.rawValue == curve, "group \(summary.group.map { "\($0.rawValue)" } ?? "none"), expected \(curve)")
        }
        if let scheme = options.expectPeerSignatureAlgorithm {
            try expect(summary.signatureScheme?.rawValue == scheme,
                       "peer signature algorithm \(summary.signatureScheme.map { "\($0.rawValue)" } ?? "none"), expected \(scheme)")
        }
        if let alpn = options.expectALPN {
            try expect(summary.applicationProtocol == alpn, "ALPN \(summary.applicationProtocol ?? "none"), expected \(alpn)")
        }
        if let name = options.expectServerName {
            try expect(summary.serverName == name, "server name \(summary.serverName ?? "none"), expected \(name)")
        }
        if options.expectNoServerName {
            try expect(summary.serverName == nil, "server name \(summary.serverName ?? ""), expected none")
        }
        if options.expectHRR { try expect(summary.helloRetryRequested, "expected a HelloRetryRequest") }
        if options.expectNoHRR { try expect(!summary.helloRetryRequested, "expected no HelloRetryRequest") }
        if options.expectExtendedMasterSecret {
            try expect(summary.extendedMasterSecret != false, "expected the extended master secret")
        }
        if let file = options.expectPeerCertFile {
            let expected = try ShimPEM.derChain(file: file)
            try expect(summary.peerCertificates == expected, "the peer's certificates differ from \(file)")
        }
        if options.expectAcceptEarlyData {
            try expect(summary.earlyDataAccepted == true, "the early data was not accepted")
        }
        if options.expectVerifyResult {
            try expect(state.first.chainVerified == !options.verifyFail, "wrong certificate verification result")
        }
        if index > 0 {
            if options.expectSessionMiss {
                try expect(!summary.resumed, "the session was resumed, expected a miss")
            } else {
                try expect(summary.resumed, "the session was not resumed")
            }
        }
    }
}
