import TLSKit

extension HandshakeNarrator {
    /// The account of one handshake message.
    mutating func describe(_ message: HandshakeMessage, _ direction: TLSTraceDirection) -> Account {
        switch message {
        case .clientHello(let hello): return self.describeClientHello(hello)
        case .serverHello(let hello): return self.describeServerHello(hello)
        case .encryptedExtensions(let message): return Self.describeEncryptedExtensions(message)
        case .certificate(let message):
            return self.describeCertificates(message.entries.map(\.certificateData), direction, stapled: message.entries.first?.extensions.contains { $0.type == .statusRequest } ?? false)
        case .tls12Certificate(let message): return self.describeCertificates(message.certificateList, direction, stapled: false)
        case .certificateRequest(let request): return Self.describeCertificateRequest(request.extensions.signatureAlgorithms)
        case .tls12CertificateRequest(let request): return Self.describeCertificateRequest(request.supportedSignatureAlgorithms)
        case .certificateVerify(let verify): return Self.describeCertificateVerify(verify, direction)
        case .finished(let finished): return self.describeFinished(finished, direction)
        case .newSessionTicket(let ticket): return Self.describeTicket(ticket)
        case .tls12NewSessionTicket(let ticket): return Self.describeTicket(ticket)
        case .serverKeyExchange(let exchange): return Self.describeServerKeyExchange(exchange)
        case .serverHelloDone: return Self.serverHelloDone
        case .clientKeyExchange(let exchange): return Self.describeClientKeyExchange(exchange)
        case .keyUpdate(let update):
            return Account(
                title: "KeyUpdate", facts: [NarratedFact("Peer asked to update too", update.requestUpdate == .updateRequested ? "yes" : "no")],
                explanation: "The sender switches to the next generation of its application traffic keys (RFC 8446, Section 4.6.3).")
        case .endOfEarlyData:
            return Account(title: "EndOfEarlyData", facts: [], explanation: "The client's 0-RTT data ends here; the handshake keys take over (RFC 8446, Section 4.5).")
        case .helloRequest:
            return Account(title: "HelloRequest", facts: [], explanation: "The server asks the client to renegotiate (RFC 5246, Section 7.4.1.1); TLSKit declines.")
        }
    }

    // MARK: ClientHello (RFC 8446, Section 4.1.2; RFC 5246, Section 7.4.1.2)

    mutating func describeClientHello(_ hello: ClientHello) -> Account {
        self.clientHellos += 1
        var facts: [NarratedFact] = []
        let versions = hello.extensions.offeredVersions
        if let versions {
            facts.append(NarratedFact("Versions offered", Self.list(versions)))
            facts.append(NarratedFact("legacy_version", "\(hello.legacyVersion) (frozen; the real offer is in supported_versions)"))
        } else {
            facts.append(NarratedFact("Version offered", "\(hello.legacyVersion)"))
        }
        facts.append(NarratedFact("Random", Self.hex(hello.random)))
        facts.append(NarratedFact("Session ID", hello.legacySessionID.isEmpty ? "empty" : Self.hex(hello.legacySessionID)))
        facts.append(NarratedFact("Cipher suites", Self.list(hello.cipherSuites)))
        facts.append(NarratedFact("Compression", hello.legacyCompressionMethods == [0] ? "null only (compression is unsafe, RFC 7457)" : Self.hex(hello.legacyCompressionMethods)))
        for item in hello.extensions {
            if let fact = Self.describeClientExtension(item) {
                facts.append(fact)
            }
        }
        facts.append(NarratedFact("Extensions", Self.list(hello.extensions.map(\.type))))
        let offersTLS13 = versions?.contains(.tls13) ?? false
        let explanation: String
        if self.clientHellos > 1 {
            explanation = """
                The client tries again, now with a key share for the group the server asked for. The transcript \
                replaces the first ClientHello by its hash, so both hellos stay bound to the keys (RFC 8446, Section 4.4.1).
                """
        } else if offersTLS13 {
            explanation = """
                The client opens the handshake with everything the server needs to choose: versions, cipher suites, \
                groups, signature algorithms. TLS 1.3 lets it guess the group and send its key share right away, so a \
                server that takes the guess answers with its own share and the handshake needs a single round trip. \
                The random and the key share are fresh for every connection.
                """
        } else {
            explanation = """
                The client opens the handshake with its random, the cipher suites it accepts in order of preference and \
                extensions that say what else it supports. In TLS 1.2 no key material goes out yet: the server chooses \
                first and sends its parameters (RFC 5246, Section 7.4.1.2).
                """
        }
        return Account(title: "ClientHello", facts: facts, explanation: explanation)
    }

    static func describeClientExtension(_ item: TLSExtension) -> NarratedFact? {
        switch item {
        case .serverName(let list): NarratedFact("Server name (SNI)", list.names.joined(separator: ", "))
        case .supportedGroups(let groups): NarratedFact("Groups", Self.list(groups))
        case .keyShareClient(let shares): NarratedFact("Key shares", shares.map { "\($0.group) (\($0.keyExchange.count) bytes)" }.joined(separator: ", "))
        case .signatureAlgorithms(let schemes): NarratedFact("Signature algorithms", Self.list(schemes))
        case .applicationLayerProtocolNegotiation(let protocols): NarratedFact("ALPN", protocols.joined(separator: ", "))
        case .pskKeyExchangeModes(let modes): NarratedFact("PSK modes", modes.map { $0 == .pskDHEKE ? "psk_dhe_ke" : "psk_ke" }.joined(separator: ", "))
        case .preSharedKeyClient(let offered): NarratedFact("Pre-shared keys", "\(offered.identities.count) ticket(s) offered for resumption")
        case .earlyData: NarratedFact("Early data", "0-RTT data follows")
        case .statusRequest: NarratedFact("OCSP stapling", "requested (status_request)")
        case .extendedMasterSecret: NarratedFact("Extended master secret", "supported (RFC 7627)")
        case .renegotiationInfo: NarratedFact("Secure renegotiation", "supported (RFC 5746)")
        case .sessionTicket(let ticket): NarratedFact("Session ticket", ticket.isEmpty ? "supported (RFC 5077)" : "resuming with a \(ticket.count)-byte ticket")
        case .cookie(let cookie): NarratedFact("Cookie", "\(cookie.count) bytes, echoed from the HelloRetryRequest")
        default: nil
        }
    }

    // MARK: ServerHello and HelloRetryRequest (RFC 8446, Sections 4.1.3 and 4.1.4)

    mutating func describeServerHello(_ hello: ServerHello) -> Account {
        let version = hello.extensions.selectedVersion ?? hello.legacyVersion
        if hello.isHelloRetryRequest {
            var facts = [NarratedFact("Version", "\(version)"), NarratedFact("Cipher suite", "\(hello.cipherSuite)")]
            for item in hello.extensions {
                switch item {
                case .keyShareHelloRetryRequest(let group): facts.append(NarratedFact("Group asked for", "\(group)"))
                case .cookie(let cookie): facts.append(NarratedFact("Cookie", "\(cookie.count) bytes"))
                default: break
                }
            }
            return Account(
                title: "HelloRetryRequest", facts: facts,
                explanation: """
                    The server speaks TLS 1.3 but wants a group for which the client sent no key share, so it asks for \
                    one. This costs a round trip. A HelloRetryRequest is a ServerHello with a fixed special random \
                    (RFC 8446, Section 4.1.4).
                    """)
        }
        self.version = version
        self.cipherSuite = hello.cipherSuite
        var facts = [NarratedFact("Version chosen", "\(version)")]
        facts.append(NarratedFact("Random", Self.hex(hello.random)))
        if version != .tls13, let sentinel = Self.downgradeSentinel(hello.random) {
            facts.append(NarratedFact("Downgrade sentinel", sentinel))
        }
        facts.append(NarratedFact("Session ID", hello.legacySessionIDEcho.isEmpty ? "empty" : Self.hex(hello.legacySessionIDEcho)))
        facts.append(NarratedFact("Cipher suite", "\(hello.cipherSuite)"))
        facts += Self.describeSuite(hello.cipherSuite, version: version)
        for item in hello.extensions {
            switch item {
            case .keyShareServer(let share):
                facts.append(NarratedFact("Key share", "\(share.group) (\(share.keyExchange.count) bytes), the server's half of the key exchange"))
            case .preSharedKeyServer(let index):
                facts.append(NarratedFact("Pre-shared key", "ticket \(index) accepted: the session is resumed"))
            case .extendedMasterSecret:
                self.extendedMasterSecret = true
                facts.append(NarratedFact("Extended master secret", "yes: the master secret will cover the whole handshake (RFC 7627)"))
            case .renegotiationInfo:
                facts.append(NarratedFact("Secure renegotiation", "yes (RFC 5746)"))
            case .applicationLayerProtocolNegotiation(let protocols):
                facts.append(NarratedFact("ALPN", protocols.joined(separator: ", ")))
            case .sessionTicket:
                facts.append(NarratedFact("Session ticket", "the server will send a new ticket (RFC 5077)"))
            case .statusRequest:
                facts.append(NarratedFact("OCSP stapling", "the server will staple a status"))
            default:
                break
            }
        }
        facts.append(NarratedFact("Extensions", Self.list(hello.extensions.map(\.type))))
        let explanation: String
        if version == .tls13 {
            explanation = """
                The server chose from the client's offer and sent its own key share. Both sides can now compute the \
                same shared secret, and everything after this message is encrypted. The version is named in \
                supported_versions; legacy_version stays TLS 1.2 so that old middleboxes let the handshake through.
                """
        } else {
            explanation = """
                The server chose the version, the cipher suite and the extensions to use. Its random joins the \
                client's in every key derived from here on, so neither side alone decides the keys.
                """
        }
        return Account(title: "ServerHello", facts: facts, explanation: explanation)
    }

    /// What a TLS 1.2 or older ServerHello's random says about downgrades (RFC 8446, Section 4.1.3).
    static func downgradeSentinel(_ random: [UInt8]) -> String? {
        guard random.count == 32 else { return nil }
        let tail = Array(random.suffix(8))
        let prefix: [UInt8] = [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44]
        guard Array(tail.prefix(7)) == prefix else { return nil }
        switch tail[7] {
        case 1: return "DOWNGRD\\x01: the server speaks TLS 1.3, but the client offered at most TLS 1.2"
        case 0: return "DOWNGRD\\x00: the server speaks TLS 1.2, but the client offered at most TLS 1.1"
        default: return nil
        }
    }

    /// Why the chosen suite matters: the record cipher and forward secrecy.
    static func describeSuite(_ suite: CipherSuite, version: ProtocolVersion) -> [NarratedFact] {
        let name = suite.description
        let cipher: String
        if name.contains("CHACHA20_POLY1305") {
            cipher = "ChaCha20-Poly1305, an AEAD: each record is encrypted and authenticated in one step"
        } else if name.contains("_GCM_") {
            cipher = "AES-GCM, an AEAD: each record is encrypted and authenticated in one step"
        } else {
            cipher = "not an AEAD: records are encrypted and authenticated separately"
        }
        let forwardSecrecy: String
        if version == .tls13 || name.contains("ECDHE") || name.contains("DHE_") {
            forwardSecrecy = "yes: the keys come from an ephemeral key exchange, so a later leak of the server's key cannot decrypt this connection"
        } else {
            forwardSecrecy = "NO: RSA key exchange; whoever obtains the server's private key later can decrypt a recording of this connection"
        }
        return [NarratedFact("Record protection", cipher), NarratedFact("Forward secrecy", forwardSecrecy)]
    }
}
