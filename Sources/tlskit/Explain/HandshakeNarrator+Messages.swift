import Foundation
import TLSKit
import X509

extension HandshakeNarrator {
    /// EncryptedExtensions (RFC 8446, Section 4.3.1).
    static func describeEncryptedExtensions(_ message: EncryptedExtensions) -> Account {
        var facts: [NarratedFact] = []
        for item in message.extensions {
            switch item {
            case .applicationLayerProtocolNegotiation(let protocols): facts.append(NarratedFact("ALPN chosen", protocols.joined(separator: ", ")))
            case .serverName: facts.append(NarratedFact("Server name", "acknowledged"))
            case .earlyData: facts.append(NarratedFact("Early data", "accepted"))
            case .supportedGroups(let groups): facts.append(NarratedFact("Server's groups", Self.list(groups)))
            default: break
            }
        }
        facts.append(NarratedFact("Extensions", Self.list(message.extensions.map(\.type))))
        return Account(
            title: "EncryptedExtensions", facts: facts,
            explanation: """
                The first encrypted message: the server's answers to the extensions that do not shape the key \
                exchange (ALPN, server name, ...), now hidden from the network (RFC 8446, Section 4.3.1).
                """)
    }

    /// Certificate (RFC 8446, Section 4.4.2; RFC 5246, Section 7.4.2).
    func describeCertificates(_ chain: [[UInt8]], _ direction: TLSTraceDirection, stapled: Bool) -> Account {
        var facts: [NarratedFact] = []
        for (index, der) in chain.enumerated() {
            guard let certificate = try? Certificate(derEncoded: der) else {
                facts.append(NarratedFact("Certificate \(index)", "\(der.count) bytes that do not parse as X.509"))
                continue
            }
            let description = CertificateDescription(certificate: certificate)
            facts.append(NarratedFact("Certificate \(index)", description.subject))
            facts.append(NarratedFact("  issuer", description.issuer))
            facts.append(NarratedFact("  key", description.keyType))
            facts.append(NarratedFact("  valid", "\(CertificateDescription.format(description.notValidBefore)) to \(CertificateDescription.format(description.notValidAfter))"))
            if index == 0 {
                facts.append(NarratedFact("  names", description.subjectAlternativeNames.isEmpty ? "(none)" : description.subjectAlternativeNames.joined(separator: ", ")))
            }
        }
        if chain.isEmpty {
            return Account(
                title: "Certificate", facts: [NarratedFact("Certificates", "none")],
                explanation: """
                    An empty certificate list: the \(direction == .sent ? "client" : "server") has no certificate \
                    to offer for the request, and the peer decides whether to go on without one (RFC 8446, Section \
                    4.4.2; RFC 5246, Section 7.4.6).
                    """)
        }
        if stapled {
            facts.append(NarratedFact("OCSP", "a status response is stapled to the leaf"))
        }
        let whose = direction == .received ? "server's" : "client's"
        let clear = self.isTLS12 ? " In TLS 1.2 it travels in the clear." : ""
        return Account(
            title: "Certificate", facts: facts,
            explanation: """
                The \(whose) certificate chain, leaf first. The leaf binds the name to the public key that signs the \
                handshake; each certificate is signed by the next, up to a root the peer must already trust.\(clear)
                """)
    }

    /// CertificateRequest (RFC 8446, Section 4.3.2; RFC 5246, Section 7.4.4).
    static func describeCertificateRequest(_ schemes: [SignatureScheme]) -> Account {
        Account(
            title: "CertificateRequest", facts: [NarratedFact("Signature algorithms", Self.list(schemes))],
            explanation: "The server asks the client for a certificate of its own (mutual TLS).")
    }

    /// CertificateVerify (RFC 8446, Section 4.4.3; RFC 5246, Section 7.4.8).
    static func describeCertificateVerify(_ verify: CertificateVerify, _ direction: TLSTraceDirection) -> Account {
        let who = direction == .received ? "server" : "client"
        return Account(
            title: "CertificateVerify",
            facts: [NarratedFact("Signature scheme", "\(verify.algorithm)"), NarratedFact("Signature", "\(verify.signature.count) bytes")],
            explanation: """
                The \(who) signs the hash of the handshake so far with its certificate's private key. This proves it \
                holds that key and that nobody altered the messages; the signature was checked against the leaf's \
                public key.
                """)
    }

    /// Finished (RFC 8446, Section 4.4.4; RFC 5246, Section 7.4.9).
    func describeFinished(_ finished: Finished, _ direction: TLSTraceDirection) -> Account {
        let who = direction == .received ? "server" : "client"
        let explanation: String
        if self.isTLS12 {
            explanation = """
                verify_data = PRF(master_secret, "\(who) finished", hash of the handshake messages), 12 bytes \
                (RFC 5246, Section 7.4.9); the first message under the new keys. The peer computed the same value: a \
                match proves both saw the same handshake and hold the same keys.
                """
        } else {
            explanation = """
                An HMAC of the transcript hash under a key from the \(who)'s handshake traffic secret (RFC 8446, \
                Section 4.4.4). The peer computed the same value: a match proves both saw the same handshake and hold \
                the same keys.
                """
        }
        return Account(title: "Finished", facts: [NarratedFact("verify_data", Self.hex(finished.verifyData))], explanation: explanation)
    }

    /// NewSessionTicket (RFC 8446, Section 4.6.1).
    static func describeTicket(_ ticket: NewSessionTicket) -> Account {
        var facts = [
            NarratedFact("Lifetime", "\(ticket.ticketLifetime) seconds"),
            NarratedFact("Ticket", "\(ticket.ticket.count) bytes"),
        ]
        for item in ticket.extensions {
            if case .earlyData(let size?) = item {
                facts.append(NarratedFact("0-RTT", "allowed, up to \(size) bytes of early data"))
            }
        }
        return Account(
            title: "NewSessionTicket", facts: facts,
            explanation: """
                A ticket to resume this session later as a pre-shared key, without certificates (RFC 8446, Section \
                4.6.1). It comes after the handshake, under the application keys.
                """)
    }

    /// NewSessionTicket of TLS 1.2 (RFC 5077, Section 3.3).
    static func describeTicket(_ ticket: TLS12NewSessionTicket) -> Account {
        Account(
            title: "NewSessionTicket",
            facts: [NarratedFact("Lifetime hint", "\(ticket.ticketLifetimeHint) seconds"), NarratedFact("Ticket", "\(ticket.ticket.count) bytes")],
            explanation: """
                The server's session state, encrypted under a key only it knows (RFC 5077). Presenting it later \
                resumes the session in an abbreviated handshake.
                """)
    }

    /// ServerKeyExchange for ECDHE (RFC 8422, Section 5.4).
    static func describeServerKeyExchange(_ exchange: ServerKeyExchangeECDHE) -> Account {
        Account(
            title: "ServerKeyExchange",
            facts: [
                NarratedFact("Curve", "\(exchange.namedCurve)"),
                NarratedFact("Public key", "\(exchange.publicKey.count) bytes, ephemeral"),
                NarratedFact("Signature", "\(exchange.algorithm), \(exchange.signature.count) bytes over both randoms and the curve parameters"),
            ],
            explanation: """
                The server's ephemeral ECDHE key for this connection, signed with its certificate key so the client \
                knows it comes from the server. The key is thrown away after the handshake: forward secrecy.
                """)
    }

    static let serverHelloDone = Account(
        title: "ServerHelloDone", facts: [],
        explanation: "The server has sent its hello flight; it is the client's turn (RFC 5246, Section 7.4.5).")

    /// ClientKeyExchange (RFC 5246, Section 7.4.7; RFC 8422, Section 5.7).
    static func describeClientKeyExchange(_ exchange: ClientKeyExchange) -> Account {
        switch exchange {
        case .ecdhe(let point):
            return Account(
                title: "ClientKeyExchange", facts: [NarratedFact("Public key", "\(point.count) bytes, ephemeral")],
                explanation: """
                    The client's ephemeral ECDHE public key. Each side combines its own private key with the other's \
                    public key and gets the same pre-master secret, which never crosses the network.
                    """)
        case .rsa(let encrypted):
            return Account(
                title: "ClientKeyExchange", facts: [NarratedFact("Encrypted pre-master secret", "\(encrypted.count) bytes")],
                explanation: """
                    The client chose a random 48-byte pre-master secret (starting with the version it offered) and \
                    encrypted it to the server's RSA key (RFC 5246, Section 7.4.7.1). No forward secrecy: whoever \
                    obtains that key later can decrypt a recording of this connection.
                    """)
        }
    }

    /// change_cipher_spec (RFC 5246, Section 7.1; RFC 8446, Appendix D.4).
    func describeChangeCipherSpec(_ direction: TLSTraceDirection) -> Account {
        let who = direction == .sent ? "client" : "server"
        let explanation =
            self.isTLS12
            ? "The \(who) switches to the keys from the master secret: everything it sends from here on is encrypted (RFC 5246, Section 7.1)."
            : "A dummy change_cipher_spec, sent only so that middleboxes see a familiar handshake; TLS 1.3 ignores it (RFC 8446, Appendix D.4)."
        return Account(title: "ChangeCipherSpec", facts: [], explanation: explanation)
    }

    /// An alert (RFC 8446, Section 6; RFC 5246, Section 7.2).
    static func describeAlert(_ description: AlertDescription, fatal: Bool, _ direction: TLSTraceDirection) -> Account {
        let explanation =
            description == .closeNotify
            ? "An orderly close: this side sends no more data (RFC 8446, Section 6.1)."
            : "An error alert: the connection ends here (RFC 8446, Section 6.2)."
        return Account(
            title: "Alert", facts: [NarratedFact("Level", fatal ? "fatal" : "warning"), NarratedFact("Description", "\(description)")],
            explanation: explanation)
    }
}
