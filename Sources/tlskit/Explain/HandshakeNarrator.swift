import Foundation
import TLSKit

/// Turns a client connection's trace (`TraceRecording`) into `tlskit explain`'s steps: one per
/// message, change_cipher_spec, alert and key schedule step, the certificate check and the end
/// of the handshake, each with the real values and what it means.
struct HandshakeNarrator {
    /// The checks of the peer's chain, made by `CertificateChecks` once the handshake is over.
    var certificateChecks: CertificateChecks?
    /// Where the connection's secrets went (`--keylog`), if anywhere.
    var keyLogPath: String?

    private(set) var steps: [NarratedStep] = []
    /// The version the ServerHello chose, once it came.
    var version: ProtocolVersion?
    var cipherSuite: CipherSuite?
    var extendedMasterSecret = false
    var clientHellos = 0
    private var lastEventDerivedSecrets = false

    init(certificateChecks: CertificateChecks?, keyLogPath: String?) {
        self.certificateChecks = certificateChecks
        self.keyLogPath = keyLogPath
    }

    var isTLS12: Bool { self.version == .tls12 }

    /// Adds the step of one event; `verdict` is the verifier's real verdict, which the trace's
    /// `certificateVerified` event does not carry when `ReportingCertificateVerifier` let a
    /// rejected chain through.
    mutating func add(_ stamped: StampedTraceEvent, verdict: CertificateVerificationResult?) {
        let milliseconds = Double(stamped.elapsed.components.seconds) * 1000 + Double(stamped.elapsed.components.attoseconds) / 1e15
        let derivesSecret: Bool
        switch stamped.event {
        case .handshakeMessage(let message, let direction, let size):
            let account = self.describe(message, direction)
            self.append(.message, account, from: direction, size: size, at: milliseconds)
            derivesSecret = false
        case .changeCipherSpec(let direction):
            self.append(.changeCipherSpec, self.describeChangeCipherSpec(direction), from: direction, size: 1, at: milliseconds)
            derivesSecret = false
        case .alert(let description, let fatal, let direction):
            self.append(.alert, Self.describeAlert(description, fatal: fatal, direction), from: direction, size: 2, at: milliseconds)
            derivesSecret = false
        case .secretDerived(let name):
            if self.lastEventDerivedSecrets, let last = self.steps.indices.last {
                self.steps[last].facts.insert(NarratedFact("Derived", Self.secretName(name)), at: self.derivedFactCount(last))
                self.steps[last].title = Self.keysTitle(self.steps[last].title, adding: name)
            } else {
                self.append(.keys, self.describeKeys(firstSecret: name), from: nil, size: nil, at: milliseconds)
            }
            derivesSecret = true
        case .keysChanged(let direction):
            if let last = self.steps.indices.last {
                let side = direction == .sent ? "the client's records" : "the server's records"
                self.steps[last].facts.append(NarratedFact("Keys", "\(side) are protected with new keys from here on"))
            }
            derivesSecret = self.lastEventDerivedSecrets
        case .certificateVerificationRequested:
            derivesSecret = false
        case .certificateVerified(let result):
            self.append(.certificateCheck, self.describeCertificateCheck(verdict ?? result), from: nil, size: nil, at: milliseconds)
            derivesSecret = false
        case .handshakeCompleted(let summary):
            self.append(.handshakeComplete, self.describeCompletion(summary), from: nil, size: nil, at: milliseconds)
            derivesSecret = false
        }
        self.lastEventDerivedSecrets = derivesSecret
    }

    /// The title, facts and explanation of a step.
    struct Account {
        var title: String
        var facts: [NarratedFact]
        var explanation: String
    }

    private mutating func append(_ kind: NarratedStep.Kind, _ account: Account, from direction: TLSTraceDirection?, size: Int?, at milliseconds: Double) {
        self.steps.append(
            NarratedStep(
                number: self.steps.count + 1, kind: kind, title: account.title,
                from: direction.map { $0 == .sent ? "client" : "server" }, size: size, milliseconds: milliseconds,
                facts: account.facts, explanation: account.explanation))
    }

    /// Where the next `Derived` fact of a key step goes: after the ones already there.
    private func derivedFactCount(_ index: Int) -> Int {
        self.steps[index].facts.prefix { $0.label == "Derived" }.count
    }

    /// The number of round trips the handshake took after the TCP connection: each time the
    /// client, having sent a handshake message, waits for one from the server (RFC 8446,
    /// Section 2; RFC 5246, Section 7.3). change_cipher_spec is left out: TLS 1.3's is sent
    /// without waiting for anything.
    static func roundTrips(_ events: [StampedTraceEvent]) -> Int {
        var trips = 0
        var lastDirection: TLSTraceDirection?
        for stamped in events {
            let direction: TLSTraceDirection
            switch stamped.event {
            case .handshakeMessage(_, let messageDirection, _): direction = messageDirection
            case .handshakeCompleted: return trips
            default: continue
            }
            if lastDirection == .sent && direction == .received {
                trips += 1
            }
            lastDirection = direction
        }
        return trips
    }

    /// `AA BB ...` in lower-case hex, the first `limit` bytes and a count of the rest.
    static func hex(_ bytes: [UInt8], limit: Int = 32) -> String {
        let digits = Array("0123456789abcdef")
        let shown = bytes.prefix(limit).map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }.joined()
        return bytes.count > limit ? "\(shown)... (\(bytes.count) bytes)" : shown
    }

    static func list<T: CustomStringConvertible>(_ items: [T]) -> String {
        items.isEmpty ? "none" : items.map(\.description).joined(separator: ", ")
    }
}
