import Logging
import Synchronization
import TLSKit

/// What an in-process `LibraryServer` saw: the summary of every completed handshake and the
/// reason of every failed one (from `TLSServer`'s log), in order.
final class ServerEventLog: Sendable {
    enum Event: Sendable {
        case completed(HandshakeSummary)
        case failed(String)
    }

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    private let events = Mutex<[Event]>([])

    var all: [Event] { events.withLock { $0 } }

    var summaries: [HandshakeSummary] {
        all.compactMap { if case .completed(let summary) = $0 { summary } else { nil } }
    }

    var failures: [String] {
        all.compactMap { if case .failed(let reason) = $0 { reason } else { nil } }
    }

    func record(_ event: Event) {
        events.withLock { $0.append(event) }
    }

    /// The first completed handshake; waits for it up to `timeout` (the server records it a
    /// moment after the client has finished).
    func firstSummary(timeout: Duration = InteropTimeouts.peer) async throws -> HandshakeSummary {
        try await first(timeout: timeout, what: "a completed handshake") { self.summaries.first }
    }

    /// The reason of the first failed handshake; waits for it up to `timeout`.
    func firstFailure(timeout: Duration = InteropTimeouts.peer) async throws -> String {
        try await first(timeout: timeout, what: "a failed handshake") { self.failures.first }
    }

    private func first<Value>(timeout: Duration, what: String, _ find: () -> Value?) async throws -> Value {
        let deadline = ContinuousClock.now + timeout
        while true {
            let late = ContinuousClock.now >= deadline
            if let value = find() {
                return value
            }
            if late {
                throw Timeout(description: "the server reported no \(what) within \(timeout); it saw \(all)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// A swift-log handler that records `TLSServer`'s "TLS handshake failed" lines.
    var logHandler: some LogHandler { Handler(log: self) }

    private struct Handler: LogHandler {
        let log: ServerEventLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.message.description.contains("handshake failed") else { return }
            let reason = event.metadata?["error"].map { "\($0)" } ?? event.message.description
            log.record(.failed(reason))
        }
    }
}
