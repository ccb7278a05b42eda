import TLSKit

extension HandshakeNarrator {
    /// The lower-case RFC name of a key log label: `CLIENT_HANDSHAKE_TRAFFIC_SECRET` is
    /// `client_handshake_traffic_secret`; TLS 1.2's `CLIENT_RANDOM` entry is the master secret.
    static func secretName(_ label: String) -> String {
        switch label {
        case "CLIENT_RANDOM": "master_secret (48 bytes)"
        case "CLIENT_TRAFFIC_SECRET_0": "client_application_traffic_secret_0"
        case "SERVER_TRAFFIC_SECRET_0": "server_application_traffic_secret_0"
        case "EXPORTER_SECRET": "exporter_master_secret"
        case "EARLY_EXPORTER_SECRET": "early_exporter_master_secret"
        default: label.lowercased()
        }
    }

    /// The title of a key step, from the secrets it holds.
    static func keysTitle(_ current: String, adding label: String) -> String {
        switch label {
        case "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET": "Handshake keys"
        case "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0": current == "Handshake keys" ? current : "Application keys"
        case "CLIENT_EARLY_TRAFFIC_SECRET", "EARLY_EXPORTER_SECRET": current.isEmpty ? "Early data keys" : current
        case "CLIENT_RANDOM": "Master secret"
        default: current.isEmpty ? "Keys" : current
        }
    }

    /// A key schedule step, opened by its first secret (RFC 8446, Section 7.1; RFC 5246, Section 8.1).
    func describeKeys(firstSecret label: String) -> Account {
        let title = Self.keysTitle("", adding: label)
        var facts = [NarratedFact("Derived", Self.secretName(label))]
        facts.append(
            NarratedFact(
                "Values", self.keyLogPath.map { "written to the key log \($0)" } ?? "never shown (--keylog FILE writes them for Wireshark)"))
        let explanation: String
        switch title {
        case "Handshake keys":
            explanation = """
                Both sides now hold the (EC)DHE shared secret. HKDF turns it, with the hash of the transcript \
                through ServerHello, into the handshake traffic secrets; their keys protect the rest of the handshake \
                (RFC 8446, Section 7.1).
                """
        case "Application keys":
            explanation = """
                From the master secret and the transcript through the server's Finished come the application \
                traffic secrets, which protect the data, and the exporter secret (RFC 8446, Sections 7.1 and 7.5).
                """
        case "Master secret":
            let premaster =
                self.cipherSuite.map { $0.description.contains("ECDHE") } ?? true
                ? "the ECDHE shared secret" : "the pre-master secret the client encrypted to the server's RSA key"
            explanation =
                self.extendedMasterSecret
                ? """
                    master_secret = PRF(pre_master_secret, "extended master secret", session_hash), where the \
                    pre-master secret is \(premaster) and the session hash covers every handshake message so far, \
                    which ties the keys to this handshake (RFC 7627). The record keys are expanded from it with both \
                    randoms (RFC 5246, Section 6.3).
                    """
                : """
                    master_secret = PRF(pre_master_secret, "master secret", client random + server random), where the \
                    pre-master secret is \(premaster) (RFC 5246, Section 8.1). Without the extended master secret the \
                    keys are not tied to the whole handshake (RFC 7627). The record keys are expanded from it.
                    """
        default:
            explanation = "A secret of the key schedule (RFC 8446, Section 7.1)."
        }
        return Account(title: title, facts: facts, explanation: explanation)
    }

    /// The certificate check, with the verifier's verdict.
    func describeCertificateCheck(_ result: CertificateVerificationResult) -> Account {
        var facts = self.certificateChecks?.facts ?? []
        switch result {
        case .trusted(let chain):
            let anchor = chain.last.flatMap { try? CertificateDescription(derEncoded: $0).subject } ?? "a trust anchor"
            facts.append(NarratedFact("Verdict", "TRUSTED: the chain ends at the root '\(anchor)'"))
        case .skippedInsecure:
            facts.append(NarratedFact("Verdict", "NOT CHECKED (--insecure)"))
        case .rejected(let error):
            facts.append(NarratedFact("Verdict", "REJECTED: \(error.reason)"))
        }
        return Account(
            title: "Certificate check", facts: facts,
            explanation: """
                The client checks the chain: each signature, each validity period, the server name in the leaf \
                (RFC 6125) and a path to a root it trusts (RFC 5280). A rejected chain ends TLSKit's client here; \
                `tlskit explain` goes on to show the rest of the handshake.
                """)
    }

    /// The end of the handshake.
    func describeCompletion(_ summary: HandshakeSummary) -> Account {
        var facts = [
            NarratedFact("Protocol", "\(summary.version)"),
            NarratedFact("Cipher suite", "\(summary.cipherSuite)"),
            NarratedFact("Key exchange", summary.group.map(\.description) ?? (summary.resumed ? "none (pre-shared key only)" : "RSA")),
            NarratedFact("Server signature", summary.signatureScheme.map(\.description) ?? "none"),
            NarratedFact("ALPN", summary.applicationProtocol ?? "none"),
            NarratedFact("Resumed", summary.resumed ? "yes" : "no"),
        ]
        if let extended = summary.extendedMasterSecret {
            facts.append(NarratedFact("Extended master secret", extended ? "yes" : "no"))
        }
        let flow =
            summary.version == .tls13
            ? "TLS 1.3 needs one round trip, two with a HelloRetryRequest; the client may send data right after its Finished."
            : "A full TLS 1.2 handshake needs two round trips; a resumed one, one."
        return Account(title: "Handshake complete", facts: facts, explanation: flow)
    }
}
