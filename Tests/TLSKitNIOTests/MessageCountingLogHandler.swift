import Logging
import Synchronization

/// A swift-log handler that counts the messages logged, so a test can wait for one to happen.
struct MessageCountingLogHandler: LogHandler {
    final class Counts: Sendable {
        private let messages = Mutex<[String]>([])
        func append(_ message: String) { messages.withLock { $0.append(message) } }
        func count(containing text: String) -> Int { messages.withLock { $0.filter { $0.contains(text) }.count } }
    }

    let counts: Counts
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        counts.append(event.message.description)
    }
}
