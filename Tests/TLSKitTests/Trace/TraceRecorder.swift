import Synchronization
@testable import TLSKit

/// Collects what a connection's observer is told, for the trace tests.
final class TraceRecorder: Sendable {
    private let recorded = Mutex<[TLSTraceEvent]>([])

    var events: [TLSTraceEvent] { recorded.withLock { $0 } }

    var observer: @Sendable (TLSTraceEvent) -> Void {
        { event in self.recorded.withLock { $0.append(event) } }
    }

    /// The handshake messages, each as "sent ClientHello" or "received Finished", with
    /// change_cipher_spec records as "sent CCS" among them.
    var messageSequence: [String] {
        events.compactMap { event in
            switch event {
            case .handshakeMessage(let message, let direction, _): "\(direction.rawValue) \(message.type)"
            case .changeCipherSpec(let direction): "\(direction.rawValue) CCS"
            default: nil
            }
        }
    }

    /// The names of the secrets derived, in order.
    var secretNames: [String] {
        events.compactMap { if case .secretDerived(let name) = $0 { name } else { nil } }
    }
}
