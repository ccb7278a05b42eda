import Foundation
import NIOCore
import TLSKit

/// Runs the probes of `tlskit scan` against one server and assembles the `ScanReport`.
///
/// Versions, suites, groups and TLS 1.2 signature schemes come from hand-built ClientHellos
/// (`ProbeHello`) whose plaintext replies are read raw (`ProbeTransport`), so servers TLSKit's
/// own client refuses (TLS 1.0 only, CBC suites, bad certificates) can be described. What only
/// a finished handshake shows (TLS 1.3 chain, ALPN and signature scheme, resumption) comes
/// from TLSKit's client (`TLSKitHandshakeProbe`) when the server speaks TLS 1.2 or 1.3.
struct TLSScanner {
    /// Raised when the very first TCP connection fails: nothing could be scanned.
    struct Unreachable: Error {
        var underlying: any Error
    }

    var target: HostPort
    var serverName: String
    var trustRoots: TrustRoots
    var timeout: TimeAmount

    /// Versions probed, oldest first.
    static let legacyVersions: [ProtocolVersion] = [.ssl30, .tls10, .tls11, .tls12]

    /// The sentinel a TLS 1.3 server writes into the last 8 bytes of ServerHello.random when
    /// it negotiates TLS 1.2 (`...01`) or below (`...00`) (RFC 8446, Section 4.1.3).
    static let downgradeSentinelPrefix: [UInt8] = Array("DOWNGRD".utf8)

    private var transport: ProbeTransport { ProbeTransport(host: self.target.host, port: self.target.port, timeout: self.timeout) }
    private var notes: [String] = []

    init(target: HostPort, serverName: String, trustRoots: TrustRoots, timeout: TimeAmount) {
        self.target = target
        self.serverName = serverName
        self.trustRoots = trustRoots
        self.timeout = timeout
    }

    static func name(_ version: ProtocolVersion) -> String {
        switch version {
        case .ssl30: "SSL 3.0"
        case .tls10: "TLS 1.0"
        case .tls11: "TLS 1.1"
        case .tls12: "TLS 1.2"
        case .tls13: "TLS 1.3"
        default: "0x" + String(version.rawValue, radix: 16)
        }
    }

    // MARK: Probing

    /// SNI only for a DNS name (RFC 6066, Section 3: no IP literals).
    private var sniName: String? {
        (try? SocketAddress(ipAddress: self.serverName, port: 0)) == nil ? self.serverName : nil
    }

    private func hello(_ version: ProtocolVersion, _ suites: [CipherSuite]) -> ProbeHello {
        ProbeHello(version: version, cipherSuites: suites, serverName: self.sniName)
    }

    /// One probe; a connection that fails after the first one counts as a refusal, with a note.
    private mutating func probe(_ hello: ProbeHello) async -> ProbeReply {
        do {
            return try await self.transport.send(hello)
        } catch {
            let why = ErrorDescription.describe(error, target: self.target)
            self.note("a probe could not connect: \(why)")
            return ProbeReply(outcome: .malformed("could not connect: \(why)"))
        }
    }

    private mutating func note(_ text: String) {
        if !self.notes.contains(text) { self.notes.append(text) }
    }

    /// Offers `offered` at `version`, removes the suite the server picks and repeats until
    /// the server refuses: the accepted suites in the order the server chose them.
    private mutating func enumerateSuites(_ version: ProtocolVersion, offered: [CipherSuite]) async -> [CipherSuite] {
        var remaining = offered
        var accepted: [CipherSuite] = []
        while !remaining.isEmpty {
            let reply = await self.probe(self.hello(version, remaining))
            guard reply.negotiatedVersion == version, let suite = reply.serverHello?.cipherSuite else { break }
            guard remaining.contains(suite) else {
                self.note("at \(Self.name(version)) the server chose \(CipherSuiteCatalog.name(suite)), which was not offered")
                break
            }
            accepted.append(suite)
            remaining.removeAll { $0 == suite }
        }
        return accepted
    }

    /// Offers the first two accepted suites in reverse: the server enforces its order if it
    /// still picks the first.
    private mutating func enforcesOrder(_ version: ProtocolVersion, accepted: [CipherSuite]) async -> Bool? {
        guard accepted.count >= 2 else { return nil }
        let reply = await self.probe(self.hello(version, [accepted[1], accepted[0]]))
        guard reply.negotiatedVersion == version, let suite = reply.serverHello?.cipherSuite else { return nil }
        return suite == accepted[0]
    }

    // MARK: The scan

    mutating func run() async throws -> ScanReport {
        // TLS 1.3 first; its connection tells whether the host can be reached at all.
        let tls13Catalog = CipherSuiteCatalog.tls13.map(\.suite)
        let legacyCatalog = CipherSuiteCatalog.legacy.map(\.suite)
        let tls13Reply: ProbeReply
        do {
            tls13Reply = try await self.transport.send(self.hello(.tls13, tls13Catalog))
        } catch {
            throw Unreachable(underlying: error)
        }

        // 1. Versions.
        var protocols: [ProtocolSupport] = []
        var legacyReplies: [ProtocolVersion: ProbeReply] = [:]
        for version in Self.legacyVersions {
            let reply = await self.probe(self.hello(version, legacyCatalog))
            let chosen = reply.negotiatedVersion
            let supported = chosen == version && reply.serverHello?.isHelloRetryRequest == false
            if supported { legacyReplies[version] = reply }
            let detail = supported ? "accepted" : chosen.map { "server chose \(Self.name($0)) instead" } ?? reply.refusalDescription
            protocols.append(ProtocolSupport(version: Self.name(version), supported: supported, detail: detail))
        }
        let tls13Supported = tls13Reply.negotiatedVersion == .tls13
        protocols.append(
            ProtocolSupport(
                version: "TLS 1.3", supported: tls13Supported,
                detail: tls13Supported
                    ? (tls13Reply.serverHello?.isHelloRetryRequest == true ? "accepted (HelloRetryRequest)" : "accepted")
                    : tls13Reply.negotiatedVersion.map { "server chose \(Self.name($0)) instead" } ?? tls13Reply.refusalDescription))
        let supportedLegacy = Self.legacyVersions.filter { legacyReplies[$0] != nil }
        let bestLegacy = supportedLegacy.last
        var supported = supportedLegacy
        if tls13Supported { supported.append(.tls13) }

        // 2. Cipher suites, newest version first.
        var listings: [SuiteListing] = []
        var acceptedByVersion: [ProtocolVersion: [CipherSuite]] = [:]
        for version in supported.reversed() {
            let accepted = await self.enumerateSuites(version, offered: version == .tls13 ? tls13Catalog : legacyCatalog)
            acceptedByVersion[version] = accepted
            let order = await self.enforcesOrder(version, accepted: accepted)
            listings.append(
                SuiteListing(version: Self.name(version), suites: accepted.map(CipherSuiteCatalog.name), serverEnforcesOrder: order))
        }

        // 3. Groups and signature schemes.
        var tls13Groups: [String]?
        if tls13Supported {
            var found: [String] = []
            for group in ProbeHello.defaultGroups {
                var hello = self.hello(.tls13, acceptedByVersion[.tls13] ?? tls13Catalog)
                hello.groups = [group]
                hello.keyShareGroups = [group]
                if await self.probe(hello).tls13Group == group { found.append(Self.groupName(group)) }
            }
            tls13Groups = found
        }
        var legacyGroups: [String]?
        var tls12Schemes: [String]?
        let ecdheCodes = Set(CipherSuiteCatalog.ecdhe.map(\.code))
        if let bestLegacy, let ecdhe = acceptedByVersion[bestLegacy]?.filter({ ecdheCodes.contains($0.rawValue) }), !ecdhe.isEmpty {
            // An ECDSA certificate is usable only if its curve is offered too (RFC 8422,
            // Section 5.1), so a group the server refuses alone is offered again with it.
            let certificateCurve = Self.certificateCurve(legacyReplies[bestLegacy]?.certificates?.first)
            var found: [String] = []
            for group in ProbeHello.defaultGroups where group.rawValue < 0x0100 {
                var hello = self.hello(bestLegacy, ecdhe)
                hello.groups = [group]
                var chosen = await self.probe(hello).serverKeyExchangeGroup
                if chosen == nil, let certificateCurve, certificateCurve != group {
                    hello.groups = [group, certificateCurve]
                    chosen = await self.probe(hello).serverKeyExchangeGroup
                }
                if chosen == group { found.append(Self.groupName(group)) }
            }
            legacyGroups = found
            if bestLegacy == .tls12 {
                var schemes: [String] = []
                for scheme in ProbeHello.defaultSignatureSchemes {
                    var hello = self.hello(.tls12, ecdhe)
                    hello.signatureSchemes = [scheme]
                    if await self.probe(hello).serverKeyExchange?.algorithm == scheme { schemes.append(Self.schemeName(scheme)) }
                }
                tls12Schemes = schemes
            }
        }

        // 4. TLSKit handshakes: TLS 1.3 chain, ALPN and scheme; resumption.
        let handshakes = TLSKitHandshakeProbe(target: self.target, serverName: self.serverName, timeout: self.timeout)
        var tls13Run: Result<TLSKitHandshakeProbe.Outcome, any Error>?
        var tls12Run: Result<TLSKitHandshakeProbe.Outcome, any Error>?
        let tls13Verifier = ChainRecordingVerifier()
        if tls13Supported {
            do {
                tls13Run = .success(try await handshakes.run(version: .tls13, verifier: tls13Verifier))
            } catch {
                tls13Run = .failure(error)
            }
        }
        if supportedLegacy.contains(.tls12) {
            do { tls12Run = .success(try await handshakes.run(version: .tls12)) } catch { tls12Run = .failure(error) }
        }
        let tls13Outcome = try? tls13Run?.get()
        let tls12Outcome = try? tls12Run?.get()
        var tls13Schemes: [String]?
        if tls13Outcome != nil {
            var schemes: [String] = []
            for scheme in SignatureScheme.tls13HandshakeSchemes where await handshakes.tls13Accepts(scheme) {
                schemes.append(Self.schemeName(scheme))
            }
            tls13Schemes = schemes
        }

        // 5. Features.
        let bestLegacyReply = bestLegacy.flatMap { legacyReplies[$0] }
        let features = await self.features(
            supported: supported, bestLegacy: bestLegacy, bestLegacyReply: bestLegacyReply, tls13Outcome: tls13Outcome)

        // 6. Certificate.
        let inspector = CertificateInspector(trustRoots: self.trustRoots, serverName: self.serverName)
        var certificate: CertificateReport?
        if let bestLegacy, let chain = bestLegacyReply?.certificates, !chain.isEmpty {
            certificate = await inspector.inspect(chain: chain, source: "\(Self.name(bestLegacy)) Certificate message")
        } else if let chain = tls13Verifier.lastRequest?.chain, !chain.isEmpty {
            let source = tls13Outcome == nil ? "TLSKit TLS 1.3 handshake (which then failed)" : "TLSKit TLS 1.3 handshake"
            certificate = await inspector.inspect(chain: chain, source: source)
        } else if let run = tls13Run, case .failure(let error) = run {
            self.note("no certificate: the TLSKit TLS 1.3 handshake failed: \(ErrorDescription.describe(error, target: self.target))")
        }

        // 7. ALPN.
        let alpn: ScanFinding
        if let summary = tls13Outcome?.summary ?? tls12Outcome?.summary {
            alpn = summary.applicationProtocol.map { .yes("\($0) chosen (\(Self.name(summary.version)), h2 and http/1.1 offered)") }
                ?? .no("no protocol chosen (\(Self.name(summary.version)), h2 and http/1.1 offered)")
        } else if let bestLegacy, let reply = bestLegacyReply {
            alpn = reply.applicationProtocol.map { .yes("\($0) chosen (\(Self.name(bestLegacy)), h2 and http/1.1 offered)") }
                ?? .no("no protocol chosen (\(Self.name(bestLegacy)), h2 and http/1.1 offered)")
        } else {
            alpn = .notTested("no handshake got far enough to show ALPN")
        }

        // 8. Resumption.
        let resumption = self.resumption(tls13Run: tls13Run, tls12Run: tls12Run, supportedLegacy: supportedLegacy)

        let versionNames = supported.map(Self.name)
        var report = ScanReport(
            target: self.target.description, serverName: self.serverName, scannedAt: CertificateDescription.format(Date()),
            mozillaGuideline: MozillaProfile.guidelineVersion, protocols: protocols, supportedVersions: versionNames,
            cipherSuites: listings,
            groups: VersionedNames(
                tls13: tls13Groups, tls12: legacyGroups,
                note: bestLegacy.map { version in
                    legacyGroups == nil
                        ? "no ECDHE suite accepted at \(Self.name(version)), so no groups to find there"
                        : "tls12: ECDHE groups at \(Self.name(version)), from the ServerKeyExchange"
                }),
            signatureAlgorithms: VersionedNames(
                tls13: tls13Schemes,
                tls12: tls12Schemes,
                note: Self.signatureNote(tls13: tls13Outcome != nil, tls12: tls12Schemes != nil, bestLegacy: bestLegacy)),
            alpn: alpn, features: features, resumption: resumption, certificate: certificate, grades: [], notes: [])
        let groups = (tls13Groups ?? []) + (legacyGroups ?? []).filter { !(tls13Groups ?? []).contains($0) }
        // Mozilla's server_preferred_order is about the TLS 1.2-and-earlier suites.
        let orderListing = listings.first { $0.version != "TLS 1.3" }
        report.grades = ProfileGrader.grade(
            ProfileGrader.Evidence(
                versions: versionNames, cipherSuites: listings.flatMap(\.suites), groups: groups,
                serverEnforcesOrder: orderListing?.serverEnforcesOrder, certificate: certificate))
        report.notes = self.notes
        return report
    }

    private static func signatureNote(tls13: Bool, tls12: Bool, bestLegacy: ProtocolVersion?) -> String {
        var parts: [String] = []
        if tls12 { parts.append("tls12: offered one at a time, read from the ServerKeyExchange") }
        if tls13 { parts.append("tls13: offered one at a time in TLSKit handshakes, so only the schemes TLSKit implements") }
        if let bestLegacy, bestLegacy != .tls12 {
            parts.append("\(name(bestLegacy)) signs with MD5+SHA-1 and negotiates no scheme")
        }
        return parts.joined(separator: "; ")
    }

    /// The named group of an ECDSA leaf's curve, if the leaf has one.
    static func certificateCurve(_ leaf: [UInt8]?) -> NamedGroup? {
        guard let leaf, let facts = try? CertificateFacts(derEncoded: leaf) else { return nil }
        switch facts.curve {
        case "P-256": return .secp256r1
        case "P-384": return .secp384r1
        case "P-521": return .secp521r1
        default: return nil
        }
    }

    /// NamedGroup names, with the RFC 7919 finite-field groups TLSKit does not name.
    static func groupName(_ group: NamedGroup) -> String {
        switch group.rawValue {
        case 0x0100: "ffdhe2048"
        case 0x0101: "ffdhe3072"
        case 0x0102: "ffdhe4096"
        default: group.description
        }
    }

    static func schemeName(_ scheme: SignatureScheme) -> String {
        switch scheme.rawValue {
        case 0x0201: "rsa_pkcs1_sha1"
        case 0x0203: "ecdsa_sha1"
        default: scheme.description
        }
    }

    // MARK: Features

    private mutating func features(
        supported: [ProtocolVersion], bestLegacy: ProtocolVersion?, bestLegacyReply: ProbeReply?,
        tls13Outcome: TLSKitHandshakeProbe.Outcome?
    ) async -> SecurityFeatures {
        let legacyName = bestLegacy.map(Self.name) ?? ""
        let extendedMasterSecret: ScanFinding
        let secureRenegotiation: ScanFinding
        if let reply = bestLegacyReply {
            extendedMasterSecret = reply.serverHelloHas(.extendedMasterSecret)
                ? .yes("extended_master_secret in the \(legacyName) ServerHello")
                : .no("no extended_master_secret in the \(legacyName) ServerHello (RFC 7627)")
            secureRenegotiation = reply.serverHelloHas(.renegotiationInfo)
                ? .yes("renegotiation_info in the \(legacyName) ServerHello")
                : .no("no renegotiation_info in the \(legacyName) ServerHello: open to renegotiation attacks (RFC 5746)")
        } else if supported.contains(.tls13) {
            extendedMasterSecret = .notApplicable("TLS 1.3 only: its key schedule always binds the handshake")
            secureRenegotiation = .notApplicable("TLS 1.3 only: TLS 1.3 has no renegotiation")
        } else {
            extendedMasterSecret = .notTested("no version was accepted")
            secureRenegotiation = .notTested("no version was accepted")
        }

        // TLS_FALLBACK_SCSV: a hello at the second-best version must be refused.
        let fallbackSCSV: ScanFinding
        if supported.count >= 2 {
            let lower = supported[supported.count - 2]
            var hello = self.hello(lower, CipherSuiteCatalog.legacy.map(\.suite))
            hello.fallbackSCSV = true
            let reply = await self.probe(hello)
            let best = Self.name(supported[supported.count - 1])
            if case .alert(.inappropriateFallback) = reply.outcome {
                fallbackSCSV = .yes("a \(Self.name(lower)) hello with TLS_FALLBACK_SCSV got inappropriate_fallback (best: \(best))")
            } else if reply.serverHello != nil {
                fallbackSCSV = .no("a \(Self.name(lower)) hello with TLS_FALLBACK_SCSV was accepted although \(best) is supported")
            } else {
                fallbackSCSV = .notTested("a \(Self.name(lower)) hello with TLS_FALLBACK_SCSV got \(reply.refusalDescription)")
            }
        } else if supported.count == 1 {
            fallbackSCSV = .notApplicable("only one version is supported, so there is nothing to fall back to")
        } else {
            fallbackSCSV = .notTested("no version was accepted")
        }

        let downgradeSentinel: ScanFinding
        if supported.contains(.tls13), let bestLegacy, let random = bestLegacyReply?.serverHello?.random, random.count == 32 {
            let expected = Self.downgradeSentinelPrefix + [bestLegacy == .tls12 ? 1 : 0]
            downgradeSentinel = Array(random.suffix(8)) == expected
                ? .yes("the \(legacyName) ServerHello.random ends in DOWNGRD\\x0\(expected[7])")
                : .no("the \(legacyName) ServerHello.random lacks the RFC 8446 downgrade sentinel")
        } else if supported.contains(.tls13) {
            downgradeSentinel = .notApplicable("TLS 1.3 only: there is no lower version to downgrade to")
        } else if !supported.isEmpty {
            downgradeSentinel = .notApplicable("the server does not speak TLS 1.3, so it has no sentinel to send")
        } else {
            downgradeSentinel = .notTested("no version was accepted")
        }

        let ocspStapling: ScanFinding
        if let reply = bestLegacyReply {
            ocspStapling = reply.sawCertificateStatus
                ? .yes("CertificateStatus in the \(legacyName) handshake")
                : .no("no CertificateStatus in the \(legacyName) handshake although status_request was offered")
        } else if let staple = tls13Outcome?.request?.ocspResponse, !staple.isEmpty {
            ocspStapling = .yes("a \(staple.count)-byte OCSP response with the TLS 1.3 certificate")
        } else if supported.isEmpty {
            ocspStapling = .notTested("no version was accepted")
        } else {
            ocspStapling = .notTested("TLS 1.3 only: the staple travels in the encrypted Certificate message, and TLSKit's client does not ask for one")
        }
        return SecurityFeatures(
            extendedMasterSecret: extendedMasterSecret, secureRenegotiation: secureRenegotiation, fallbackSCSV: fallbackSCSV,
            downgradeSentinel: downgradeSentinel, ocspStapling: ocspStapling)
    }

    // MARK: Resumption

    private func resumption(
        tls13Run: Result<TLSKitHandshakeProbe.Outcome, any Error>?,
        tls12Run: Result<TLSKitHandshakeProbe.Outcome, any Error>?,
        supportedLegacy: [ProtocolVersion]
    ) -> ResumptionFindings {
        let tickets: ScanFinding
        let earlyData: ScanFinding
        switch tls13Run {
        case nil:
            tickets = .notTested("the server does not speak TLS 1.3")
            earlyData = .notTested("the server does not speak TLS 1.3")
        case .failure(let error)?:
            let why = "TLSKit's client could not complete a TLS 1.3 handshake: \(ErrorDescription.describe(error, target: self.target))"
            tickets = .notTested(why)
            earlyData = .notTested(why)
        case .success(let outcome)?:
            if let session = outcome.session {
                tickets = Self.describeResumption(outcome.resumption, what: "a TLS 1.3 ticket (lifetime \(session.lifetime) s)")
                earlyData = session.allowsEarlyData
                    ? .yes("tickets allow \(session.maxEarlyDataSize) bytes of 0-RTT data (not sent: a scan replays no requests)")
                    : .no("tickets carry no early_data extension")
            } else {
                tickets = .no("no NewSessionTicket within 2 seconds of the handshake")
                earlyData = .no("no ticket, so no 0-RTT")
            }
        }
        let tls12: ScanFinding
        switch tls12Run {
        case nil:
            tls12 = supportedLegacy.isEmpty
                ? .notApplicable("the server does not speak TLS 1.2 or earlier")
                : .notTested("the server does not speak TLS 1.2, the only pre-1.3 version TLSKit's client speaks")
        case .failure(let error)?:
            tls12 = .notTested("TLSKit's client could not complete a TLS 1.2 handshake: \(ErrorDescription.describe(error, target: self.target))")
        case .success(let outcome)?:
            if let session = outcome.session {
                let kind = session.ticket.isEmpty ? "a TLS 1.2 session ID" : "a TLS 1.2 session ticket (RFC 5077)"
                tls12 = Self.describeResumption(outcome.resumption, what: kind)
            } else {
                tls12 = .no("the server gave neither a session ID nor a ticket")
            }
        }
        return ResumptionFindings(tls13Tickets: tickets, earlyData: earlyData, tls12: tls12)
    }

    private static func describeResumption(_ result: Result<HandshakeSummary, TLSError>?, what: String) -> ScanFinding {
        switch result {
        case .success(let summary)? where summary.resumed: .yes("resumed with \(what)")
        case .success?: .no("\(what) was issued, but the server ran a full handshake when it was offered")
        case .failure(let error)?: .no("\(what) was issued, but the resuming handshake failed: \(error.reason)")
        case nil: .notTested("no session to resume")
        }
    }
}
