import NIOCore
import NIOTLS
import TLSKit

/// A SwiftNIO channel handler that runs TLS over the bytes of a channel, driving the sans-I/O
/// `TLSConnection`. Add it first in a pipeline (closest to the socket); handlers after it see
/// plaintext `ByteBuffer`s.
///
/// - A client handler (`init(configuration:serverName:)`) starts the handshake as soon as the
///   channel is active; a server handler (`init(configuration: TLSServerConfiguration)`) waits
///   for the ClientHello.
/// - Writes made before the handshake completes are buffered with their promises and sent,
///   in order, once it completes.
/// - On completion it fires NIOTLS's `TLSUserEvent.handshakeCompleted(negotiatedProtocol:)`
///   with the ALPN result (RFC 7301), then `TLSHandshakeCompletedEvent` with the full summary;
///   `handshakeSummary` holds the same value.
/// - Certificate verification (`TLSAction.verifyPeer`) runs the configuration's asynchronous
///   `CertificateVerifier` in a task and resumes the handshake on the event loop.
/// - A server configured for 0-RTT (`maxEarlyDataSize > 0`) passes the early data it accepts
///   on as it arrives, before the handshake-completed events, in order with what follows; such
///   data may be a replay (RFC 8446, Section 8): act on it only if that is safe (a GET).
///   Responses written meanwhile are buffered until the handshake completes.
/// - A fatal error writes the alert, fires `errorCaught` with the `TLSError` and closes the channel.
/// - A handshake that has not completed within the configuration's `limits.handshakeTimeout`
///   (10 seconds by default) fails with a `.handshakeTimeout` error and the channel is closed.
/// - `close(mode: .all)` and `close(mode: .output)` send close_notify first (RFC 8446, Section 6.1).
///   A close_notify from the peer is answered with ours and the channel is closed, unless the
///   channel allows remote half-closure: then the pipeline gets `ChannelEvent.inputClosed` and
///   may still write (RFC 8446, Section 6.1); our close_notify goes out when it closes.
/// - If the peer closes the TCP connection without close_notify after the handshake (and we had
///   not closed first), `errorCaught` receives a `TLSError` with code `.closed`: the data may have
///   been truncated (RFC 8446, Section 6.1).
///
/// ```swift
/// let channel = try await ClientBootstrap(group: group)
///     .channelInitializer { channel in
///         channel.eventLoop.makeCompletedFuture {
///             let tls = try TLSHandler(configuration: configuration, serverName: "example.com")
///             try channel.pipeline.syncOperations.addHandler(tls)
///             try channel.pipeline.syncOperations.addHandler(MyHTTPHandler())
///         }
///     }
///     .connect(host: "example.com", port: 443).get()
/// ```
public final class TLSHandler: ChannelDuplexHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    /// Which side of the handshake this handler plays.
    enum Role {
        case client
        case server

        /// The peer, as error messages name it.
        var peerName: String {
            switch self {
            case .client: "server"
            case .server: "client"
            }
        }
    }

    enum State {
        /// Added, channel not active yet.
        case idle
        /// Client: ClientHello sent (or about to be). Server: waiting for the ClientHello.
        /// Either: waiting for the peer or for the verifier.
        case handshaking
        /// Application data flows.
        case active
        /// The channel is closing or closed; nothing more is read or written.
        case closed
        /// A fatal error happened; it is reported to every later write.
        case failed(TLSError)
    }

    private struct BufferedWrite {
        var data: ByteBuffer
        var promise: EventLoopPromise<Void>?
    }

    private var connection: any TLSConnectionProtocol
    private let role: Role
    private let verifier: (any CertificateVerifier)?
    private var state: State = .idle

    /// Application writes made before the handshake completed, in order.
    private var bufferedWrites = CircularBuffer<BufferedWrite>()
    /// Promises of application data already encrypted, completed by the next record written.
    private var promisesAwaitingSend: [EventLoopPromise<Void>] = []
    /// A close requested while records were still being produced; done at the end of `drive`.
    private var pendingClose: (mode: CloseMode, promise: EventLoopPromise<Void>?)?
    /// Whether our close_notify has been queued (no more writes after it).
    private var outputClosed = false
    /// Whether the peer's close_notify arrived.
    private var peerClosed = false
    /// A half-closure (the peer's close_notify) is to be announced with `ChannelEvent.inputClosed`.
    private var inputClosedPending = false
    /// `ChannelEvent.inputClosed` was passed on once; a later TCP FIN must not repeat it.
    private var inputClosedAnnounced = false
    /// Completes when our close_notify has been written, so a later full close waits for it.
    private var closeNotifyWritten: EventLoopFuture<Void>?
    /// Guards against re-entrant `drive` calls from handlers we call into (fireChannelRead, ...).
    private var isDriving = false
    /// Whether `drive` must flush when it ends (a flush arrived while it was running).
    private var flushRequested = false
    /// Whether we are inside `channelRead`, whose read cycle the channel ends with
    /// `channelReadComplete` by itself.
    private var isReading = false
    /// False once the handler is removed, so a late verification result is dropped.
    private var isAdded = false
    /// How long the handshake may take (`TLSResourceLimits.handshakeTimeout`); nil: no limit.
    private let handshakeTimeout: TimeAmount?
    /// Fails the handshake when `handshakeTimeout` has passed; cancelled when it ends.
    private var handshakeDeadline: Scheduled<Void>?

    /// What was negotiated, once the handshake has completed; read it on the channel's event loop.
    public private(set) var handshakeSummary: HandshakeSummary?

    /// A client handler for a connection to `serverName` (a DNS name, sent as SNI and verified,
    /// or an IP address literal, verified only).
    public convenience init(configuration: TLSClientConfiguration, serverName: String?) throws {
        let connection = try TLSConnection(configuration: configuration, serverName: serverName)
        self.init(
            connection: connection, role: .client, verifier: configuration.certificateVerifier,
            handshakeTimeout: configuration.limits.handshakeTimeout)
    }

    /// A client handler that resumes `session` (nil: one from `configuration.sessionCache`, as
    /// the plain initializer does) and sends `earlyData` first.
    ///
    /// `earlyData` goes out as 0-RTT data right after the ClientHello (RFC 8446, Section 2.3)
    /// when `configuration.enableEarlyData` is set, the session offered allows early data and
    /// all of it fits in the session's limit (then 0-RTT is offered; otherwise it is not, and the
    /// data is written as ordinary application data as soon as the handshake completes). If the
    /// server rejects the early data, the connection sends it again after the handshake,
    /// exactly once. `handshakeSummary.earlyDataAccepted` tells which happened (nil: no early
    /// data was offered). EARLY DATA MAY BE REPLAYED by an attacker: send only requests that
    /// are safe to repeat (a GET, not a payment).
    public convenience init(
        configuration: TLSClientConfiguration, serverName: String?, resuming session: ClientSession?, earlyData: ByteBuffer?
    ) throws {
        var configuration = configuration
        var session = session
        if let earlyData, earlyData.readableBytes > 0, configuration.enableEarlyData {
            // Pick the session now, to offer 0-RTT only when all of the data fits: then
            // `earlyDataAccepted` (nil: not offered) tells truly where the data went.
            session = session ?? configuration.sessionCache?.take(
                for: ClientSessionKey(serverName: serverName, applicationProtocols: configuration.applicationProtocols),
                now: configuration.now())
            if earlyData.readableBytes > Int(session?.maxEarlyDataSize ?? 0) { configuration.enableEarlyData = false }
        }
        var connection =
            try session.map { try TLSConnection(configuration: configuration, serverName: serverName, resuming: $0) }
            ?? TLSConnection(configuration: configuration, serverName: serverName)
        var later: ByteBuffer?
        if let earlyData, earlyData.readableBytes > 0 {
            if earlyData.readableBytes <= connection.earlyDataCapacity {
                // Joined to the ClientHello, which is already queued in the connection.
                try connection.writeEarlyData(earlyData)
            } else {
                later = earlyData
            }
        }
        self.init(
            connection: connection, role: .client, verifier: configuration.certificateVerifier,
            handshakeTimeout: configuration.limits.handshakeTimeout)
        if let later { self.bufferedWrites.append(BufferedWrite(data: later, promise: nil)) }
    }

    /// A server handler: it waits for the ClientHello, picks the certificate (by SNI and what
    /// the client can verify) and the parameters from `configuration`, and verifies client
    /// certificates with the verifier of `configuration.clientAuthentication`, if any.
    ///
    /// The summary it reports (`handshakeSummary`, `TLSHandshakeCompletedEvent`) holds the
    /// client's certificates in `peerCertificates` (empty if it sent none) and the SNI the
    /// client sent in `serverName`.
    public convenience init(configuration: TLSServerConfiguration) throws {
        let connection = try TLSConnection(configuration: configuration)
        let verifier: (any CertificateVerifier)?
        switch configuration.clientAuthentication {
        case .none: verifier = nil
        case .optional(let clientVerifier), .required(let clientVerifier): verifier = clientVerifier
        }
        self.init(connection: connection, role: .server, verifier: verifier, handshakeTimeout: configuration.limits.handshakeTimeout)
    }

    init(
        connection: any TLSConnectionProtocol, role: Role, verifier: (any CertificateVerifier)?,
        handshakeTimeout: Duration? = nil
    ) {
        self.connection = connection
        self.role = role
        self.verifier = verifier
        self.handshakeTimeout = handshakeTimeout.map { TimeAmount($0) }
    }

    // MARK: Lifecycle

    public func handlerAdded(context: ChannelHandlerContext) {
        self.isAdded = true
        if context.channel.isActive {
            self.startHandshake(context: context)
        }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        self.isAdded = false
        self.cancelHandshakeDeadline()
        let error = TLSError(code: .closed, reason: "the TLS handler was removed from the pipeline")
        self.failPendingWrites(with: error)
    }

    public func channelActive(context: ChannelHandlerContext) {
        self.startHandshake(context: context)
        context.fireChannelActive()
    }

    /// With remote half-closure allowed, a TCP FIN arrives as `ChannelEvent.inputClosed`. After
    /// the peer's close_notify it was already announced; during the handshake it ends the
    /// handshake; otherwise it is passed on (the peer stopped sending without close_notify).
    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let channelEvent = event as? ChannelEvent, channelEvent == .inputClosed else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if self.inputClosedAnnounced { return }
        switch self.state {
        case .idle, .handshaking:
            self.peerClosedDuringHandshake(context: context)
            context.close(promise: nil)
        case .active, .closed, .failed:
            self.inputClosedAnnounced = true
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// The peer went away before the handshake completed: fail what waits and report it.
    private func peerClosedDuringHandshake(context: ChannelHandlerContext) {
        let error = TLSError(
            code: .closed, reason: "the \(self.role.peerName) closed the connection during the handshake")
        self.state = .failed(error)
        self.failPendingWrites(with: error)
        context.fireErrorCaught(error)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        self.cancelHandshakeDeadline()
        switch self.state {
        case .idle, .handshaking:
            self.peerClosedDuringHandshake(context: context)
        case .active:
            self.state = .closed
            let error = TLSError(
                code: .closed,
                reason: "the \(self.role.peerName) closed the connection without close_notify; the data may be truncated")
            self.failPendingWrites(with: error)
            if !self.peerClosed && !self.outputClosed {
                context.fireErrorCaught(error)
            }
        case .closed, .failed:
            self.failPendingWrites(with: TLSError(code: .closed, reason: "the connection is closed"))
        }
        context.fireChannelInactive()
    }

    private func startHandshake(context: ChannelHandlerContext) {
        guard case .idle = self.state else { return }
        self.state = .handshaking
        if let timeout = self.handshakeTimeout {
            self.handshakeDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                self.handshakeTimedOut(after: timeout, context: context)
            }
        }
        self.drive(context: context, flush: true)
    }

    /// The handshake took longer than `handshakeTimeout`: a stalled or slow peer may not hold
    /// the connection open.
    private func handshakeTimedOut(after timeout: TimeAmount, context: ChannelHandlerContext) {
        self.handshakeDeadline = nil
        guard case .handshaking = self.state else { return }
        let seconds = Double(timeout.nanoseconds) / 1e9
        self.fail(
            TLSError(
                code: .handshakeTimeout,
                reason: "the handshake did not complete within \(seconds) seconds; the \(self.role.peerName) is too slow or stalled (raise limits.handshakeTimeout if that is expected)"),
            context: context)
    }

    private func cancelHandshakeDeadline() {
        self.handshakeDeadline?.cancel()
        self.handshakeDeadline = nil
    }

    // MARK: Inbound

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.state {
        case .handshaking, .active:
            var bytes = self.unwrapInboundIn(data)
            self.connection.receive(&bytes)
            self.isReading = true
            self.drive(context: context, flush: true)
            self.isReading = false
        case .idle, .closed, .failed:
            // Nothing more is accepted after close or a fatal error; drop what arrives.
            break
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
        // Keep the handshake moving when the application reads on demand (autoRead off), and
        // when a handler after us holds reads back: NIOHTTP1's pipelining handler does while a
        // request that came in 0-RTT early data waits for its response, and NIOAsyncChannel
        // does once its buffer is full; the handshake needs the client's Finished first.
        if case .handshaking = self.state {
            context.read()
        }
    }

    // MARK: Outbound

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let plaintext = self.unwrapOutboundIn(data)
        switch self.state {
        case .idle, .handshaking:
            self.bufferedWrites.append(BufferedWrite(data: plaintext, promise: promise))
        case .active:
            guard !self.outputClosed else {
                promise?.fail(TLSError(code: .closed, reason: "write after close_notify was sent"))
                return
            }
            do {
                try self.connection.write(plaintext)
            } catch {
                promise?.fail(Self.tlsError(error))
                return
            }
            if let promise { self.promisesAwaitingSend.append(promise) }
            self.drive(context: context, flush: false)
        case .closed:
            promise?.fail(TLSError(code: .closed, reason: "the connection is closed"))
        case .failed(let error):
            promise?.fail(error)
        }
    }

    public func flush(context: ChannelHandlerContext) {
        switch self.state {
        case .idle, .handshaking:
            // Buffered writes are flushed when the handshake completes.
            break
        case .active, .closed, .failed:
            if self.isDriving {
                self.flushRequested = true
            } else {
                context.flush()
            }
        }
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        switch mode {
        case .input:
            context.close(mode: mode, promise: promise)
        case .output, .all:
            switch self.state {
            case .active where !self.outputClosed:
                self.outputClosed = true
                if mode == .all { self.state = .closed }
                self.connection.close()
                self.failBufferedWrites(with: TLSError(code: .closed, reason: "the connection was closed"))
                self.pendingClose = (mode, promise)
                self.drive(context: context, flush: true)
            case .active:
                // close_notify already queued; close once it has been written.
                if mode == .all { self.state = .closed }
                self.closeAfterCloseNotify(context: context, mode: mode, promise: promise)
            case .idle, .handshaking:
                let error = TLSError(code: .closed, reason: "the connection was closed during the handshake")
                self.state = .closed
                self.failPendingWrites(with: error)
                context.close(mode: mode, promise: promise)
            case .closed, .failed:
                self.closeAfterCloseNotify(context: context, mode: mode, promise: promise)
            }
        }
    }

    /// Handles `TLSKeyUpdateRequest`; passes every other event on.
    public func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let request = event as? TLSKeyUpdateRequest else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch self.state {
        case .active where !self.outputClosed:
            do {
                try self.connection.updateKeys(requestPeerUpdate: request.requestPeerUpdate)
            } catch {
                promise?.fail(Self.tlsError(error))
                return
            }
            self.drive(context: context, flush: true)
            promise?.succeed()
        case .failed(let error):
            promise?.fail(error)
        default:
            promise?.fail(TLSError(code: .invalidState, reason: "keys can be updated only while the connection is open after the handshake"))
        }
    }

    /// Keying material exported from the connection (RFC 8446, Section 7.5; RFC 5705), once
    /// the handshake has completed; see `TLSConnection.exportKeyingMaterial`. Call it on the
    /// channel's event loop.
    public func exportKeyingMaterial(label: String, context: [UInt8]?, length: Int) throws -> [UInt8] {
        try self.connection.exportKeyingMaterial(label: label, context: context, length: length)
    }

    private func closeAfterCloseNotify(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if let written = self.closeNotifyWritten {
            written.assumeIsolated().whenComplete { _ in
                context.close(mode: mode, promise: promise)
            }
        } else {
            context.close(mode: mode, promise: promise)
        }
    }

    // MARK: Driving the connection

    /// Runs the connection until it needs more input: writes records, delivers plaintext,
    /// starts verification, reports completion, and handles a fatal error.
    private func drive(context: ChannelHandlerContext, flush: Bool) {
        if self.isDriving {
            if flush { self.flushRequested = true }
            return
        }
        self.isDriving = true
        self.flushRequested = flush
        var records: [ByteBuffer] = []
        var failure: TLSError?
        var delivered = false

        do {
            while let action = try self.connection.nextAction() {
                switch action {
                case .send(let bytes):
                    records.append(bytes)
                case .deliver(let plaintext):
                    delivered = true
                    context.fireChannelRead(self.wrapInboundOut(plaintext))
                case .verifyPeer(let request):
                    self.startVerification(request, context: context)
                case .handshakeCompleted(let summary):
                    self.handshakeCompleted(summary, context: context)
                case .closed:
                    self.peerSentCloseNotify(context: context)
                }
            }
        } catch {
            failure = Self.tlsError(error)
        }

        self.isDriving = false
        let mustFlush = self.flushRequested
        self.flushRequested = false

        if let failure {
            // Write the alert (the last record before the throw), then report and close.
            self.failPendingWrites(with: failure)
            self.writeRecords(records, context: context)
            self.endReadCycle(delivered: delivered, context: context)
            self.fail(failure, context: context)
            return
        }
        self.writeRecords(records, context: context)
        if mustFlush || self.pendingClose != nil {
            context.flush()
        }
        self.endReadCycle(delivered: delivered, context: context)
        self.announceInputClosedIfPending(context: context)
        if let (mode, promise) = self.pendingClose {
            self.pendingClose = nil
            self.closeAfterCloseNotify(context: context, mode: mode, promise: promise)
        }
    }

    private static func allowsRemoteHalfClosure(_ context: ChannelHandlerContext) -> Bool {
        (try? context.channel.syncOptions?.getOption(ChannelOptions.allowRemoteHalfClosure)) ?? false
    }

    /// Announces the peer's close_notify as a half-closure once its data has been delivered.
    private func announceInputClosedIfPending(context: ChannelHandlerContext) {
        guard self.inputClosedPending else { return }
        self.inputClosedPending = false
        self.inputClosedAnnounced = true
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
    }

    /// Plaintext delivered outside a socket read (records buffered while the handshake waited
    /// for the verifier, delivered once it resumes) must be followed by `channelReadComplete`:
    /// handlers such as `NIOAsyncChannel`'s pass reads on only then. Called after our records
    /// are written, so what the application writes in response goes out after them.
    private func endReadCycle(delivered: Bool, context: ChannelHandlerContext) {
        if delivered && !self.isReading {
            context.fireChannelReadComplete()
        }
    }

    /// Writes records in order; the last one carries the promises of the application data it
    /// completes and, if a close is pending, marks when close_notify is out.
    private func writeRecords(_ records: [ByteBuffer], context: ChannelHandlerContext) {
        guard let last = records.last else {
            // Nothing was produced (an empty write): the data is as sent as it will be.
            for promise in self.promisesAwaitingSend { promise.succeed() }
            self.promisesAwaitingSend.removeAll()
            return
        }
        for record in records.dropLast() {
            context.write(self.wrapOutboundOut(record), promise: nil)
        }
        guard !self.promisesAwaitingSend.isEmpty || self.pendingClose != nil else {
            context.write(self.wrapOutboundOut(last), promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        for promise in self.promisesAwaitingSend {
            written.futureResult.cascade(to: promise)
        }
        self.promisesAwaitingSend.removeAll()
        if self.pendingClose != nil {
            self.closeNotifyWritten = written.futureResult
        }
        context.write(self.wrapOutboundOut(last), promise: written)
    }

    private func handshakeCompleted(_ summary: HandshakeSummary, context: ChannelHandlerContext) {
        guard case .handshaking = self.state else { return }
        self.state = .active
        self.cancelHandshakeDeadline()
        self.handshakeSummary = summary
        // Application data written during the handshake goes first, in order.
        while let buffered = self.bufferedWrites.popFirst() {
            do {
                try self.connection.write(buffered.data)
                if let promise = buffered.promise { self.promisesAwaitingSend.append(promise) }
            } catch {
                buffered.promise?.fail(Self.tlsError(error))
            }
        }
        self.flushRequested = true
        context.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: summary.applicationProtocol))
        context.fireUserInboundEventTriggered(TLSHandshakeCompletedEvent(summary: summary))
    }

    /// The peer sent close_notify (RFC 8446, Section 6.1). In TLS 1.3 that closes only the
    /// peer's writing side: when the channel allows remote half-closure
    /// (`ChannelOptions.allowRemoteHalfClosure`), the pipeline gets `ChannelEvent.inputClosed`
    /// and may still answer, and our close_notify goes out when it closes. Otherwise we answer
    /// with close_notify and close, as TLS 1.2 requires.
    private func peerSentCloseNotify(context: ChannelHandlerContext) {
        self.peerClosed = true
        if case .active = self.state, !self.outputClosed, Self.allowsRemoteHalfClosure(context) {
            self.inputClosedPending = true
            return
        }
        if !self.outputClosed {
            self.outputClosed = true
            self.connection.close()
        }
        if case .active = self.state { self.state = .closed }
        if self.pendingClose == nil {
            self.pendingClose = (.all, nil)
        }
    }

    private func startVerification(_ request: CertificateVerificationRequest, context: ChannelHandlerContext) {
        guard let verifier = self.verifier else {
            // No verifier configured: the core asked for a decision nobody can make.
            self.connection.completeVerification(
                .rejected(TLSError(code: .configuration, reason: "no certificate verifier is configured", alert: .internalError)))
            return
        }
        // The verifier runs on this channel's event loop (see `EventLoopTaskExecutor`), and
        // the verdict comes back here through the promise.
        let verdict = context.eventLoop.makePromise(of: CertificateVerificationResult.self)
        Task(executorPreference: EventLoopTaskExecutor(eventLoop: context.eventLoop)) {
            verdict.succeed(await verifier.verify(request))
        }
        verdict.futureResult.assumeIsolated().whenSuccess { result in
            self.verificationCompleted(result, context: context)
        }
    }

    private func verificationCompleted(_ result: CertificateVerificationResult, context: ChannelHandlerContext) {
        guard self.isAdded, case .handshaking = self.state else { return }
        self.connection.completeVerification(result)
        self.drive(context: context, flush: true)
    }

    // MARK: Errors

    /// A fatal error: the alert has been written (it came out as `.send` before the throw);
    /// flush it, report the error and close.
    private func fail(_ error: TLSError, context: ChannelHandlerContext) {
        switch self.state {
        case .failed:
            return
        case .idle, .handshaking, .active, .closed:
            break
        }
        self.state = .failed(error)
        self.cancelHandshakeDeadline()
        self.failPendingWrites(with: error)
        let pendingClose = self.pendingClose
        self.pendingClose = nil
        context.flush()
        context.fireErrorCaught(error)
        context.close(mode: .all, promise: pendingClose?.promise)
    }

    private func failBufferedWrites(with error: TLSError) {
        while let buffered = self.bufferedWrites.popFirst() {
            buffered.promise?.fail(error)
        }
    }

    private func failPendingWrites(with error: TLSError) {
        self.failBufferedWrites(with: error)
        let promises = self.promisesAwaitingSend
        self.promisesAwaitingSend.removeAll()
        for promise in promises { promise.fail(error) }
    }

    private static func tlsError(_ error: any Error) -> TLSError {
        if let error = error as? TLSError { return error }
        return TLSError(code: .internalError, reason: "\(error)", alert: .internalError)
    }
}

@available(*, unavailable)
extension TLSHandler: Sendable {}
