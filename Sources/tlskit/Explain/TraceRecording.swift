import Synchronization
import TLSKit

/// Collects a connection's trace events (`TLSProtocolSettings.observer`) with the time each
/// came, and the certificate verifier's real verdict; shared between the connection's event
/// loop and the command.
final class TraceRecording: Sendable {
    private struct State {
        var events: [StampedTraceEvent] = []
        var verdict: CertificateVerificationResult?
    }

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let state = Mutex(State())

    init() {
        self.start = self.clock.now
    }

    /// The observer to put in the configuration.
    var observer: @Sendable (TLSTraceEvent) -> Void {
        { [self] event in self.record(event) }
    }

    func record(_ event: TLSTraceEvent) {
        let elapsed = self.clock.now - self.start
        self.state.withLock { $0.events.append(StampedTraceEvent(event: event, elapsed: elapsed)) }
    }

    /// The time since the recording started.
    var elapsed: Duration { self.clock.now - self.start }

    var events: [StampedTraceEvent] { self.state.withLock { $0.events } }

    /// What the verifier decided, before `ReportingCertificateVerifier` let the handshake go on.
    var verdict: CertificateVerificationResult? {
        get { self.state.withLock { $0.verdict } }
        set { self.state.withLock { $0.verdict = newValue } }
    }

    /// Whether anything came from the server: a message, change_cipher_spec or alert.
    var heardFromServer: Bool {
        self.state.withLock { state in
            state.events.contains { stamped in
                switch stamped.event {
                case .handshakeMessage(_, .received, _), .changeCipherSpec(.received), .alert(_, _, .received): true
                default: false
                }
            }
        }
    }

    /// The number of NewSessionTicket messages received so far.
    var ticketsReceived: Int {
        self.state.withLock { state in
            state.events.count { stamped in
                switch stamped.event {
                case .handshakeMessage(.newSessionTicket, .received, _), .handshakeMessage(.tls12NewSessionTicket, .received, _): true
                default: false
                }
            }
        }
    }
}
