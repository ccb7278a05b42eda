import Foundation
import TLSKit

/// `tlskit explain`'s whole account of one connection: the steps in order, the round trips
/// and the outcome; printed as text or, with `--json`, as this structure.
struct HandshakeNarrative: Codable, Sendable {
    var target: String
    var serverName: String?
    /// Whether the handshake completed.
    var completed: Bool
    /// Why it did not, if it did not.
    var error: String?
    var version: String?
    var cipherSuite: String?
    /// Round trips after the TCP connection, up to the end of the handshake.
    var roundTrips: Int
    /// Milliseconds from the start of the TCP connect to the last step.
    var milliseconds: Double
    var steps: [NarratedStep]

    /// Narrates what `recording` saw. `trustSource` names what the verifier trusted; `failure`
    /// is the error that ended the connection, if one did.
    static func make(
        target: HostPort, serverName: String?, recording: TraceRecording, failure: String?, trustSource: String, keyLogPath: String?
    ) async -> HandshakeNarrative {
        let events = recording.events
        var checks: CertificateChecks?
        for stamped in events {
            if case .certificateVerificationRequested(let request) = stamped.event, request.purpose == .serverAuth {
                checks = await CertificateChecks.evaluate(chain: request.chain, serverName: request.serverName, trustSource: trustSource)
                break
            }
        }
        var narrator = HandshakeNarrator(certificateChecks: checks, keyLogPath: keyLogPath)
        for stamped in events {
            narrator.add(stamped, verdict: recording.verdict)
        }
        let completed = events.contains { if case .handshakeCompleted = $0.event { return true } else { return false } }
        return HandshakeNarrative(
            target: target.description, serverName: serverName, completed: completed, error: failure,
            version: narrator.version?.description, cipherSuite: narrator.cipherSuite?.description,
            roundTrips: HandshakeNarrator.roundTrips(events), milliseconds: narrator.steps.last?.milliseconds ?? 0,
            steps: narrator.steps)
    }

    /// The account as text.
    var lines: [String] {
        var lines = ["Handshake with \(self.target)\(self.serverName.map { " as '\($0)'" } ?? "")"]
        lines.append("Times count from the start of the TCP connect; sizes are the handshake header and body, without record framing.")
        for step in self.steps {
            lines.append("")
            lines += step.lines
        }
        lines.append("")
        lines.append("---")
        if self.completed {
            let trips = self.roundTrips == 1 ? "1 round trip" : "\(self.roundTrips) round trips"
            lines.append(
                "Handshake complete: \(self.version ?? "?"), \(self.cipherSuite ?? "?"), \(trips) after the TCP connection, \(NarratedStep.format(milliseconds: self.milliseconds)) ms in all.")
        } else {
            lines.append("Handshake FAILED after \(self.roundTrips) round trip(s): \(self.error ?? "the connection ended")")
        }
        return lines
    }

    /// The account as pretty-printed JSON with sorted keys.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
