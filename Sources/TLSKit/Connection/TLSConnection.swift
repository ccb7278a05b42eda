import NIOCore

/// One TLS connection, client or server, without I/O: bytes in, actions out (see ../shared/DESIGN.md).
///
/// ```swift
/// var connection = try TLSConnection(configuration: configuration, serverName: "example.com")
/// // or, for a server: try TLSConnection(configuration: serverConfiguration)
/// connection.receive(&bytesFromNetwork)
/// while let action = try connection.nextAction() { ... }
/// try connection.write(applicationData)
/// ```
///
/// After a fatal error `nextAction()` first returns `.send` with the alert, then throws the
/// `TLSError` on this and every later call (RFC 8446, Section 6.2).
public struct TLSConnection: Sendable {
    private(set) var recordLayer = RecordLayer()
    private var reassembler: HandshakeReassembler
    /// What the peer has sent, against `settings.limits`.
    private var peerActivity: PeerActivityCounter
    private var handshake: HandshakeStateMachine
    private var pendingActions: [TLSAction] = []
    private var failure: TLSError?
    private var receivedCloseNotify = false
    private var sentCloseNotify = false
    public private(set) var summary: HandshakeSummary?
    /// Client: the early data written so far, kept until the server accepts or rejects it.
    private var earlyData: ByteBuffer?
    /// Where key log lines go (`keyLog` of the configuration).
    private let keyLog: (@Sendable (String) -> Void)?
    /// Told of each step (`observer` of the configuration).
    private let observer: (@Sendable (TLSTraceEvent) -> Void)?
    /// The ClientHello random, which names the connection in key log lines.
    private var clientRandom: [UInt8]?
    /// Records under one key after which we update keys (RFC 8446, Section 5.5).
    private let keyUpdateRecordThreshold: UInt64
    /// Whether we have asked the peer to update the keys we read with now.
    private var requestedPeerKeyUpdate = false
    /// Whether the keys we write with came from a KeyUpdate of ours (an answer or `updateKeys`).
    private var writeKeysFromOwnKeyUpdate = false
    /// What the record path asks about the handshake, mirrored from its events (`.verifyPeer`,
    /// `.completed`) so that no record has to query the state machine, a query that copies it.
    private var isAwaitingVerification = false
    private var isConnected = false
    /// Connected with a version that has KeyUpdate (TLS 1.3).
    private var canUpdateKeys = false
    /// The TLS 1.2 session filed for resumption, withdrawn on a fatal alert.
    private var filedSession: FiledSession?
    /// The form the next handshake message is decoded in, from the last `HandshakeStep`.
    private var messageForm = HandshakeMessage.Form.tls13
    /// Tests only: a lower limit on the records the peer may send under one key.
    var readRecordLimitForTesting: UInt64? {
        didSet { recordLayer.readRecordLimit = readRecordLimitForTesting }
    }

    /// Starts a client connection; the ClientHello is ready at the first `nextAction()`.
    /// `serverName` is a DNS name or an IP address literal; it is sent as SNI when it is a name,
    /// and the server's certificate must cover it.
    public init(configuration: TLSClientConfiguration, serverName: String?) throws {
        let (handshake, events) = try ClientHandshake.start(configuration: configuration, serverName: serverName)
        try self.init(settings: configuration.settings, handshake: .client(handshake), events: events)
    }

    /// Starts a client connection that offers `session` for resumption (RFC 8446, Section
    /// 2.2) instead of one from `configuration.sessionCache`; a session issued for another
    /// server name is not offered. For sessions saved with `ClientSession.serialized()`.
    public init(configuration: TLSClientConfiguration, serverName: String?, resuming session: ClientSession) throws {
        let (handshake, events) = try ClientHandshake.start(
            configuration: configuration, serverName: serverName, session: session)
        try self.init(settings: configuration.settings, handshake: .client(handshake), events: events)
    }

    /// Starts a server connection; it waits for the client's ClientHello. Throws `TLSError`
    /// (`.configuration`) when the configuration cannot work (no identity, a version this
    /// library does not speak, no cipher suite of an enabled version, no supported group, a key that can use none
    /// of the signature schemes).
    public init(configuration: TLSServerConfiguration) throws {
        try configuration.validate()
        try self.init(settings: configuration.settings, handshake: .server(ServerHandshake(configuration: configuration)), events: [])
    }

    /// The parts both roles share; `events` are the first steps of the handshake.
    private init(settings: TLSProtocolSettings, handshake: HandshakeStateMachine, events: [HandshakeEvent]) throws {
        reassembler = HandshakeReassembler(
            maximumMessageSize: settings.limits.maximumHandshakeMessageSize,
            maximumCertificateMessageSize: settings.limits.maximumCertificateMessageSize)
        peerActivity = PeerActivityCounter(limits: settings.limits)
        keyLog = settings.keyLog
        observer = settings.observer
        keyUpdateRecordThreshold = max(1, settings.keyUpdateRecordThreshold)
        self.handshake = handshake
        clientRandom = handshake.initialClientRandom
        try apply(events)
    }

    /// Which side of the connection this is.
    public var role: TLSRole { handshake.role }

    /// Hands bytes read from the network to the connection; it consumes all of them.
    public mutating func receive(_ bytes: inout ByteBuffer) {
        guard failure == nil else {
            bytes.moveReaderIndex(to: bytes.writerIndex)
            return
        }
        recordLayer.receive(&bytes)
        if isAwaitingVerification, recordLayer.bufferedBytes > Self.maximumBufferedWhilePaused {
            fail(PeerMisbehaved.unexpectedMessage(
                "more than \(Self.maximumBufferedWhilePaused) bytes while the certificate was being verified"))
        }
    }

    /// Input held while the handshake waits for the verifier; a peer may not flood us meanwhile.
    static let maximumBufferedWhilePaused = 256 * 1024

    /// The next thing the driver must do, or nil when the connection needs more input (or,
    /// during certificate verification, the verdict).
    public mutating func nextAction() throws -> TLSAction? {
        if let failure {
            if !pendingActions.isEmpty { return pendingActions.removeFirst() }
            throw failure
        }
        if pendingActions.isEmpty {
            do {
                try processInput()
            } catch {
                fail(error)
                return try nextAction()
            }
        }
        return pendingActions.isEmpty ? nil : pendingActions.removeFirst()
    }

    /// Hands back the verdict asked for by `TLSAction.verifyPeer`; a rejection fails the
    /// connection with the verifier's error and alert.
    public mutating func completeVerification(_ result: CertificateVerificationResult) {
        guard failure == nil else { return }
        isAwaitingVerification = false
        observer?(.certificateVerified(result))
        do {
            try take(try handshake.completeVerification(result))
        } catch {
            fail(error)
        }
    }

    /// Encrypts application data; valid once the handshake has completed. The records come
    /// out as `.send` from the next `nextAction()`. After `keyUpdateRecordThreshold` records
    /// under one key a KeyUpdate goes out between two records (RFC 8446, Section 5.5).
    public mutating func write(_ plaintext: ByteBuffer) throws {
        if let failure { throw failure }
        guard isConnected else {
            throw TLSError(code: .invalidState, reason: "application data can be written only after the handshake has completed")
        }
        guard !sentCloseNotify else {
            throw TLSError(code: .invalidState, reason: "the connection was closed for writing with close_notify")
        }
        var remaining = plaintext
        while true {
            try updateWriteKeysIfWorn()
            guard remaining.readableBytes > 0 else { break }
            // As many records as the current key may still seal before its update.
            let sealed = recordLayer.writeProtection?.sequenceNumber ?? 0
            let recordsLeft = max(1, writeUpdateThreshold - min(sealed, writeUpdateThreshold))
            let (bytesLeft, overflow) = recordsLeft.multipliedReportingOverflow(by: UInt64(TLSRecord.maximumPlaintextLength))
            let count = overflow ? remaining.readableBytes : min(remaining.readableBytes, Int(clamping: bytesLeft))
            guard let chunk = remaining.readSlice(length: count) else { break }
            var output = ByteBufferAllocator().buffer(capacity: protectedSize(of: count))
            try recordLayer.write(contentType: .applicationData, data: chunk, into: &output)
            emitSend(output)
        }
    }

    /// The bytes `count` bytes of application data take as records under the current write
    /// keys: per record of at most 2^14 bytes, a header and what protection adds.
    private func protectedSize(of count: Int) -> Int {
        let records = (count + TLSRecord.maximumPlaintextLength - 1) / TLSRecord.maximumPlaintextLength
        return count + records * (TLSRecord.headerLength + (recordLayer.writeProtection?.expansion ?? 0))
    }

    /// Records under the current write key after which it is updated: the configured
    /// threshold, capped one below the cipher's limit (the KeyUpdate itself takes a record).
    private var writeUpdateThreshold: UInt64 {
        let limit = recordLayer.writeProtection?.recordLimit ?? UInt64.max
        return max(1, min(keyUpdateRecordThreshold, limit - 1))
    }

    /// RFC 8446, Section 5.5: a write key that has sealed its share of records is replaced.
    private mutating func updateWriteKeysIfWorn() throws {
        guard canUpdateKeys, !sentCloseNotify,
            let sealed = recordLayer.writeProtection?.sequenceNumber, sealed >= writeUpdateThreshold
        else { return }
        try sendOwnKeyUpdate(requestPeerUpdate: false)
    }

    /// RFC 8446, Section 5.5: once the peer has sent its share of records under one key, ask it
    /// (once per key) to update; our write keys are updated along with the request.
    private mutating func requestPeerKeyUpdateIfWorn() throws {
        guard canUpdateKeys, !requestedPeerKeyUpdate, !sentCloseNotify,
            let opened = recordLayer.readProtection?.sequenceNumber, opened >= keyUpdateRecordThreshold
        else { return }
        requestedPeerKeyUpdate = true
        try sendOwnKeyUpdate(requestPeerUpdate: true)
    }

    /// Sends a KeyUpdate and switches to the next write keys (RFC 8446, Section 4.6.3); with
    /// `requestPeerUpdate` the peer must answer with a KeyUpdate of its own. Valid once the
    /// handshake has completed.
    public mutating func updateKeys(requestPeerUpdate: Bool = false) throws {
        if let failure { throw failure }
        guard !sentCloseNotify else {
            throw TLSError(code: .invalidState, reason: "the connection was closed for writing with close_notify")
        }
        try sendOwnKeyUpdate(requestPeerUpdate: requestPeerUpdate)
    }

    /// Our KeyUpdate and the next write keys; a peer's request that arrives before our next
    /// record needs no other answer.
    private mutating func sendOwnKeyUpdate(requestPeerUpdate: Bool) throws {
        try apply(try handshake.updateKeys(requestPeerUpdate: requestPeerUpdate))
        writeKeysFromOwnKeyUpdate = true
    }

    /// Keying material exported from the connection: TLS-Exporter(label, context, length)
    /// (RFC 8446, Section 7.5; RFC 5705). Available on both sides once the handshake has
    /// completed; both sides get the same bytes for the same arguments.
    ///
    /// In TLS 1.3 a nil `context` gives the same value as an empty one (Section 7.5). `label`
    /// must be 1 to 249 bytes and not one of TLS's own labels ("master secret", ...; RFC 5705,
    /// Section 4); `length` is 1 to 255 times the hash length of the suite (8160 bytes for
    /// SHA-256, 12240 for SHA-384). Throws `.invalidState` before the handshake has completed,
    /// `.invalidArgument` for arguments out of range.
    public func exportKeyingMaterial(label: String, context: [UInt8]?, length: Int) throws -> [UInt8] {
        if let failure { throw failure }
        guard let exporter = handshake.exporter else {
            throw TLSError(code: .invalidState, reason: "keying material can be exported only after the handshake has completed")
        }
        return try exporter.exportKeyingMaterial(label: label, context: context, length: length)
    }

    /// Sends close_notify (RFC 8446, Section 6.1); nothing more may be written afterwards.
    public mutating func close() {
        guard failure == nil, !sentCloseNotify else { return }
        sentCloseNotify = true
        sendAlert(.closeNotify, level: .warning)
    }

    /// Whether the handshake has completed.
    public var isHandshakeComplete: Bool { isConnected }

    /// Whether the peer has sent close_notify.
    public var isClosedByPeer: Bool { receivedCloseNotify }

    // MARK: - Resumption and 0-RTT

    /// Client: how many more bytes `writeEarlyData(_:)` accepts now. Non-zero only when
    /// `enableEarlyData` is set, the session offered allows 0-RTT, and the server has not
    /// answered yet.
    public var earlyDataCapacity: Int {
        guard failure == nil else { return 0 }
        return max(0, handshake.earlyDataLimit - (earlyData?.readableBytes ?? 0))
    }

    /// Client: sends `data` as 0-RTT early data with the ClientHello (RFC 8446, Section 2.3).
    ///
    /// EARLY DATA MAY BE REPLAYED: an attacker can record it and have the server process it
    /// again, and it is not forward secret. Send only requests that are safe to repeat.
    ///
    /// When the server rejects early data, the connection re-sends the same bytes as
    /// ordinary application data right after its Finished, exactly once, so nothing is lost;
    /// `summary.earlyDataAccepted` tells which happened. Throws `.invalidState` when early
    /// data is not possible now or `data` exceeds `earlyDataCapacity`.
    public mutating func writeEarlyData(_ data: ByteBuffer) throws {
        if let failure { throw failure }
        guard data.readableBytes <= earlyDataCapacity else {
            throw TLSError(
                code: .invalidState,
                reason: "early data is possible only right after the start of a connection resuming a session that allows it, with enableEarlyData, up to \(earlyDataCapacity) more bytes")
        }
        var output = ByteBuffer()
        try recordLayer.write(contentType: .applicationData, data: data, into: &output)
        emitSend(output)
        var kept = earlyData ?? ByteBuffer()
        kept.writeImmutableBuffer(data)
        earlyData = kept
    }

    /// Server: sends `count` more NewSessionTickets (RFC 8446, Section 4.6.1), beyond the
    /// `ticketCount` sent after the handshake. Valid once the handshake has completed.
    public mutating func sendSessionTickets(count: Int = 1) throws {
        if let failure { throw failure }
        try apply(try handshake.sendSessionTickets(count: count))
    }

    // MARK: - Input

    /// Reads records until there is something for the driver, the input runs out, or the
    /// handshake pauses for verification.
    ///
    /// Once connected, consecutive application_data records are opened into one buffer and
    /// delivered together (up to `maximumCoalescedDelivery` bytes): one allocation and one
    /// action for many records. Whatever else comes is handled after what came before it.
    private mutating func processInput() throws {
        var delivery: ByteBuffer?
        defer { flush(&delivery) }
        while pendingActions.isEmpty, !isAwaitingVerification, !receivedCloseNotify {
            if let message = try reassembler.nextMessage() {
                flush(&delivery)
                var decoded = try HandshakeMessage.decode(type: message.type, body: message.body, form: messageForm)
                observer?(.handshakeMessage(decoded, .received, size: message.raw.readableBytes))
                switch decoded {
                case .clientHello(let hello) where clientRandom == nil: clientRandom = hello.random
                case .certificate(let certificate): try peerActivity.checkChainLength(certificate.entries.count)
                case .tls12Certificate(let certificate): try peerActivity.checkChainLength(certificate.certificateList.count)
                default: break
                }
                if isConnected {
                    try peerActivity.countPostHandshakeMessage(isKeyUpdate: message.type == .keyUpdate)
                }
                if case .keyUpdate(let update) = decoded, update.requestUpdate == .updateRequested {
                    // RFC 8446, Section 4.6.3: the answer is due before our next record. A
                    // KeyUpdate of ours with no record after it already is that answer, so
                    // requests that arrive while we are silent get a single update.
                    if writeKeysFromOwnKeyUpdate, recordLayer.writeProtection?.sequenceNumber == 0 {
                        decoded = .keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested))
                    } else {
                        writeKeysFromOwnKeyUpdate = true
                    }
                }
                let step = try handshake.handle(decoded, raw: message.raw)
                try checkFlightEnded(by: step)
                try take(step)
                continue
            }
            // Application data may be coalesced only where it is allowed: after the handshake,
            // outside a handshake message (RFC 8446, Section 5.1).
            guard isConnected, reassembler.isEmpty, recordLayer.bufferedBytes > 0 else {
                flush(&delivery)
                guard let (contentType, fragment) = try recordLayer.nextPlaintext() else { return }
                try handleRecord(contentType: contentType, fragment: fragment)
                try requestPeerKeyUpdateIfWorn()
                continue
            }
            if delivery == nil {
                delivery = ByteBufferAllocator().buffer(capacity: min(recordLayer.bufferedBytes, Self.maximumCoalescedDelivery))
            }
            // The next record's content is at most what is buffered and at most 2^14 bytes;
            // when it might not fit, what is gathered goes out first.
            let nextContentBound = min(recordLayer.bufferedBytes, TLSRecord.maximumPlaintextLength)
            guard var buffer = delivery, buffer.writableBytes >= nextContentBound || buffer.readableBytes == 0 else {
                flush(&delivery)
                return
            }
            // Taken out while appended to, so the buffer stays uniquely referenced (no copy);
            // put back before anything is thrown, so what came before a bad record is delivered.
            delivery = nil
            let next: (contentType: ContentType, fragment: ByteBuffer?)?
            let deliveredBefore = buffer.readableBytes
            do {
                next = try recordLayer.nextPlaintext(appendingApplicationDataTo: &buffer)
            } catch {
                delivery = buffer
                throw error
            }
            delivery = buffer
            guard let (contentType, fragment) = next else { return }
            if let fragment {
                flush(&delivery)
                try handleRecord(contentType: contentType, fragment: fragment)
            } else {
                try peerActivity.countApplicationData(byteCount: buffer.readableBytes - deliveredBefore)
            }
            try requestPeerKeyUpdateIfWorn()
        }
    }

    /// The most application data delivered in one buffer.
    static let maximumCoalescedDelivery = 256 * 1024

    /// Queues the coalesced application data, if any, as one delivery.
    private mutating func flush(_ delivery: inout ByteBuffer?) {
        if let buffer = delivery, buffer.readableBytes > 0 { pendingActions.append(.deliver(buffer)) }
        delivery = nil
    }

    /// RFC 8446, Section 5: dispatch one record's plaintext by content type.
    private mutating func handleRecord(contentType: ContentType, fragment: ByteBuffer) throws {
        // Section 5.1: no other record inside a handshake message. TLS 1.2 lets records of
        // different types interleave (RFC 5246, Section 6.2.1): there an alert is taken as it
        // comes (change_cipher_spec and application data still wait for whole messages).
        if contentType != .handshake && !reassembler.isEmpty && !(contentType == .alert && messageForm.isTLS12) {
            throw PeerMisbehaved.unexpectedMessage("a \(contentType) record in the middle of a handshake message")
        }
        if !isConnected, contentType != .applicationData {
            try peerActivity.countRecordBeforeCompletion(contentLength: fragment.readableBytes)
        }
        // The record layer has refused empty handshake and alert records, and any
        // change_cipher_spec other than the single byte 1.
        switch contentType {
        case .handshake:
            reassembler.append(fragment)
        case .changeCipherSpec:
            try peerActivity.countChangeCipherSpec()
            observer?(.changeCipherSpec(.received))
            try take(try handshake.handleChangeCipherSpec())
        case .alert:
            try handleAlert(fragment)
        case .applicationData:
            try peerActivity.countApplicationData(byteCount: fragment.readableBytes)
            if !isConnected {
                // Only 0-RTT data the server accepted may come before the handshake completes.
                try handshake.receiveEarlyData(byteCount: fragment.readableBytes)
            }
            if fragment.readableBytes > 0 { pendingActions.append(.deliver(fragment)) }
        default:
            throw PeerMisbehaved.unexpectedMessage("a record of unknown \(contentType)")
        }
    }

    /// RFC 8446, Section 6: close_notify ends the read side; user_canceled is informational;
    /// every other alert is fatal. A level other than warning(1) or fatal(2) is an
    /// illegal_parameter.
    private mutating func handleAlert(_ fragment: ByteBuffer) throws {
        var fragment = fragment
        guard fragment.readableBytes == 2, let level = fragment.readInteger(as: UInt8.self),
              let code = fragment.readInteger(as: UInt8.self) else {
            throw DecodeError.invalidValue("an alert record must hold exactly two bytes")
        }
        guard level == AlertLevel.warning.rawValue || level == AlertLevel.fatal.rawValue else {
            throw PeerMisbehaved.illegalParameter("an alert of level \(level); only warning (1) and fatal (2) exist")
        }
        let description = AlertDescription(rawValue: code)
        observer?(.alert(description, fatal: level == AlertLevel.fatal.rawValue, .received))
        switch description {
        case .closeNotify:
            receivedCloseNotify = true
            pendingActions.append(.closed)
        case .userCanceled:
            try peerActivity.countIgnoredWarningAlert()
        default:
            let hint = handshake.hint(forReceived: description).map { "; \($0)" } ?? ""
            throw TLSError(code: .alertReceived, reason: AlertExplanation.received(description) + hint, alert: description)
        }
    }

    // MARK: - Output

    /// A message we answer with handshake messages ends the peer's flight: the peer cannot
    /// have sent more before reading our answer (a second ClientHello before the
    /// HelloRetryRequest, a ClientKeyExchange before the ServerHelloDone), so nothing of its
    /// may follow in the records read so far (RFC 8446, Section 4.1.4 and RFC 5246, Section
    /// 7.3 order the flights). Checked before the answer goes out, like a key change.
    private func checkFlightEnded(by step: HandshakeStep) throws {
        guard !reassembler.isEmpty else { return }
        let answers = step.events.contains { event in
            if case .sendHandshake = event { return true }
            return false
        }
        guard !answers else {
            throw PeerMisbehaved.unexpectedMessage("handshake data after the message that ends the peer's flight")
        }
    }

    /// Keeps the step's message form and carries out its events.
    private mutating func take(_ step: HandshakeStep) throws {
        messageForm = step.form
        try apply(step.events)
    }

    private mutating func apply(_ events: [HandshakeEvent]) throws {
        // Section 5.1: handshake messages must not span a key change. Checked before any event
        // is carried out, so that the alert goes out under keys the peer has, not after a
        // flight that is then never sent.
        let changesReadKeys = events.contains { event in
            if case .changeReadKeys = event { return true }
            return false
        }
        guard !changesReadKeys || reassembler.isEmpty else {
            throw PeerMisbehaved.unexpectedMessage("a handshake message spans a change of keys")
        }
        for event in events {
            switch event {
            case .sendHandshake(let messages):
                if let observer { Self.trace(sent: messages, form: messageForm, to: observer) }
                var output = ByteBufferAllocator().buffer(capacity: protectedSize(of: messages.readableBytes))
                try recordLayer.write(contentType: .handshake, data: messages, into: &output)
                emitSend(output)
            case .sendChangeCipherSpec:
                var output = ByteBufferAllocator().buffer(capacity: TLSRecord.headerLength + 1)
                recordLayer.writeChangeCipherSpec(into: &output)
                emitSend(output)
                observer?(.changeCipherSpec(.sent))
            case .sendWarningAlert(let description):
                sendAlert(description, level: .warning)
            case .changeReadKeys(let protection):
                observer?(.keysChanged(.received))
                recordLayer.setReadProtection(protection)
                requestedPeerKeyUpdate = false
            case .changeWriteKeys(let protection):
                observer?(.keysChanged(.sent))
                recordLayer.setWriteProtection(protection)
            case .clearWriteKeys:
                recordLayer.setWriteProtection(nil)
            case .skipRejectedEarlyData(let limit):
                recordLayer.skipRejectedEarlyData(limit: limit)
            case .verifyPeer(let request):
                observer?(.certificateVerificationRequested(request))
                isAwaitingVerification = true
                pendingActions.append(.verifyPeer(request))
            case .logSecret(let label, let secret):
                observer?(.secretDerived(name: label.rawValue))
                if let keyLog, let clientRandom {
                    keyLog(KeyLogLine.format(label: label, clientRandom: clientRandom, secret: secret))
                }
            case .sessionFiled(let filed):
                filedSession = filed
            case .completed(let summary):
                if summary.earlyDataAccepted == false, let rejected = earlyData, rejected.readableBytes > 0 {
                    // Rejected 0-RTT data goes again as 1-RTT application data, exactly once.
                    var output = ByteBuffer()
                    try recordLayer.write(contentType: .applicationData, data: rejected, into: &output)
                    emitSend(output)
                }
                earlyData = nil
                observer?(.handshakeCompleted(summary))
                self.summary = summary
                isConnected = true
                canUpdateKeys = handshake.supportsKeyUpdate
                pendingActions.append(.handshakeCompleted(summary))
            }
        }
    }

    /// Extra room a coalesced send buffer takes when it must grow.
    static let sendCoalescingSlack = 2048

    /// Queues bytes to send, joining them to a send already queued last.
    private mutating func emitSend(_ bytes: ByteBuffer) {
        guard bytes.readableBytes > 0 else { return }
        if case .send(var previous)? = pendingActions.last {
            // Taken out of the queue first, so appending does not copy the queued bytes.
            pendingActions.removeLast()
            // Room for this and the records that usually follow in the same flight (a
            // change_cipher_spec, the encrypted flight), so appends do not reallocate each time.
            if previous.writableBytes < bytes.readableBytes {
                previous.reserveCapacity(minimumWritableBytes: bytes.readableBytes + Self.sendCoalescingSlack)
            }
            previous.writeImmutableBuffer(bytes)
            pendingActions.append(.send(previous))
        } else {
            pendingActions.append(.send(bytes))
        }
    }

    private mutating func sendAlert(_ description: AlertDescription, level: AlertLevel) {
        var output = ByteBuffer()
        do {
            try recordLayer.write(
                contentType: .alert, data: ByteBuffer(bytes: [level.rawValue, description.rawValue]), into: &output)
        } catch {
            return
        }
        emitSend(output)
        observer?(.alert(description, fatal: level == .fatal, .sent))
    }

    /// Moves to the failed state: queue the alert the error names, then report the error.
    private mutating func fail(_ error: any Error) {
        let tlsError = TLSError.from(error)
        failure = tlsError
        // RFC 5246, Section 7.2.2: a session whose connection ended in a fatal alert must not
        // be resumed.
        if tlsError.code != .closed {
            filedSession?.withdraw()
            filedSession = nil
        }
        // Application data authenticated before the failure is still handed over (as when
        // it was delivered record by record); every other pending action is dropped.
        pendingActions.removeAll { action in
            if case .deliver = action { return false }
            return true
        }
        if tlsError.code != .alertReceived, tlsError.code != .closed, !sentCloseNotify {
            sendAlert(tlsError.alert ?? .internalError, level: .fatal)
        }
    }
}
