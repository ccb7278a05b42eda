import Crypto

/// The TLS 1.3 key schedule (RFC 8446, Section 7.1).
///
/// ```
/// early secret     = HKDF-Extract(0, PSK or 0)
/// handshake secret = HKDF-Extract(Derive-Secret(early, "derived", ""), (EC)DHE or 0)
/// master secret    = HKDF-Extract(Derive-Secret(handshake, "derived", ""), 0)
/// ```
///
/// Secrets never leave `SymmetricKey`s. The handshake and master secrets are derived together
/// in `deriveHandshakeSecrets`, so `deriveApplicationSecrets` and `resumptionMasterSecret`
/// must come after it (a PSK-only handshake passes a zero shared secret: `zeroSecret`).
struct TLS13KeySchedule: Sendable {
    let hash: TLSHashAlgorithm
    private let earlySecret: SymmetricKey
    private let derivedEarlySecret: SymmetricKey
    private var masterSecret: SymmetricKey?

    /// Starts the schedule with the early secret: HKDF-Extract(0, PSK), or of zeros without a
    /// PSK (the same for every handshake, so computed once per hash: `initialSecrets`).
    init(hash: TLSHashAlgorithm, psk: SymmetricKey? = nil) {
        self.hash = hash
        guard let psk else {
            (earlySecret, derivedEarlySecret) = Self.initialSecrets(hash)
            return
        }
        (earlySecret, derivedEarlySecret) = Self.earlySecrets(hash: hash, inputKeyMaterial: psk)
    }

    /// The early secret of `inputKeyMaterial` and Derive-Secret(early secret, "derived", ""),
    /// the salt of the handshake secret.
    private static func earlySecrets(
        hash: TLSHashAlgorithm, inputKeyMaterial: SymmetricKey
    ) -> (early: SymmetricKey, derived: SymmetricKey) {
        let early = hash.hkdfExtract(salt: [UInt8](repeating: 0, count: hash.digestLength), inputKeyMaterial: inputKeyMaterial)
        let derived = hkdfExpandLabel(hash: hash, secret: early, label: "derived", context: hash.emptyHash, length: hash.digestLength)
        return (early, derived)
    }

    private static let initialSHA256 = earlySecrets(hash: .sha256, inputKeyMaterial: zeroKey(.sha256))
    private static let initialSHA384 = earlySecrets(hash: .sha384, inputKeyMaterial: zeroKey(.sha384))

    private static func zeroKey(_ hash: TLSHashAlgorithm) -> SymmetricKey {
        SymmetricKey(data: [UInt8](repeating: 0, count: hash.digestLength))
    }

    /// The early and derived secrets without a PSK.
    private static func initialSecrets(_ hash: TLSHashAlgorithm) -> (early: SymmetricKey, derived: SymmetricKey) {
        switch hash {
        case .sha256: initialSHA256
        case .sha384: initialSHA384
        }
    }

    /// The string of `Hash.length` zero bytes used when a secret is absent (RFC 8446, Section 7.1).
    var zeroSecret: [UInt8] { [UInt8](repeating: 0, count: hash.digestLength) }

    /// The PSK binder key: "ext binder" for external PSKs, "res binder" for resumption (Section 4.2.11.2).
    func binderKey(external: Bool) -> SymmetricKey {
        deriveSecret(earlySecret, label: external ? "ext binder" : "res binder", transcriptHash: hash.emptyHash)
    }

    /// client_early_traffic_secret for 0-RTT data, over the ClientHello transcript.
    func clientEarlyTrafficSecret(transcriptHash: [UInt8]) -> SymmetricKey {
        deriveSecret(earlySecret, label: "c e traffic", transcriptHash: transcriptHash)
    }

    /// early_exporter_master_secret, over the ClientHello transcript.
    func earlyExporterMasterSecret(transcriptHash: [UInt8]) -> SymmetricKey {
        deriveSecret(earlySecret, label: "e exp master", transcriptHash: transcriptHash)
    }

    /// Mixes in the (EC)DHE shared secret and returns the client and server handshake traffic
    /// secrets over ClientHello..ServerHello; also derives the master secret for later.
    mutating func deriveHandshakeSecrets(
        sharedSecret: [UInt8], transcriptHash: [UInt8]
    ) -> (client: SymmetricKey, server: SymmetricKey) {
        let handshakeSecret = derivedEarlySecret.withUnsafeBytes { salt in
            hash.hkdfExtract(salt: salt, inputKeyMaterial: SymmetricKey(data: sharedSecret))
        }
        let client = deriveSecret(handshakeSecret, label: "c hs traffic", transcriptHash: transcriptHash)
        let server = deriveSecret(handshakeSecret, label: "s hs traffic", transcriptHash: transcriptHash)
        let derivedHandshake = deriveSecret(handshakeSecret, label: "derived", transcriptHash: hash.emptyHash)
        masterSecret = derivedHandshake.withUnsafeBytes { salt in
            hash.hkdfExtract(salt: salt, inputKeyMaterial: SymmetricKey(data: zeroSecret))
        }
        return (client, server)
    }

    /// The client and server application traffic secrets and the exporter master secret
    /// (Section 7.5) over ClientHello..server Finished.
    func deriveApplicationSecrets(
        transcriptHash: [UInt8]
    ) -> (client: SymmetricKey, server: SymmetricKey, exporterMaster: SymmetricKey) {
        let master = currentMasterSecret
        return (
            deriveSecret(master, label: "c ap traffic", transcriptHash: transcriptHash),
            deriveSecret(master, label: "s ap traffic", transcriptHash: transcriptHash),
            deriveSecret(master, label: "exp master", transcriptHash: transcriptHash)
        )
    }

    /// resumption_master_secret over ClientHello..client Finished.
    func resumptionMasterSecret(transcriptHash: [UInt8]) -> SymmetricKey {
        deriveSecret(currentMasterSecret, label: "res master", transcriptHash: transcriptHash)
    }

    /// verify_data of a Finished message (RFC 8446, Section 4.4.4):
    /// HMAC(HKDF-Expand-Label(BaseKey, "finished", "", Hash.length), transcript hash).
    /// Also computes PSK binders when given the binder key as `trafficSecret`.
    func finishedVerifyData(trafficSecret: SymmetricKey, transcriptHash: [UInt8]) -> [UInt8] {
        let finishedKey = Self.hkdfExpandLabel(
            hash: hash, secret: trafficSecret, label: "finished", context: [], length: hash.digestLength)
        return hash.hmac(key: finishedKey, data: transcriptHash)
    }

    /// application_traffic_secret_N+1 after a KeyUpdate (RFC 8446, Section 7.2).
    func nextTrafficSecret(_ secret: SymmetricKey) -> SymmetricKey {
        Self.nextTrafficSecret(hash: hash, secret)
    }

    /// application_traffic_secret_N+1 after a KeyUpdate (RFC 8446, Section 7.2).
    static func nextTrafficSecret(hash: TLSHashAlgorithm, _ secret: SymmetricKey) -> SymmetricKey {
        hkdfExpandLabel(hash: hash, secret: secret, label: "traffic upd", context: [], length: hash.digestLength)
    }

    /// The PSK for a ticket: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce,
    /// Hash.length) (RFC 8446, Section 4.6.1).
    static func resumptionPSK(hash: TLSHashAlgorithm, resumptionMasterSecret: SymmetricKey, ticketNonce: [UInt8]) -> SymmetricKey {
        hkdfExpandLabel(
            hash: hash, secret: resumptionMasterSecret, label: "resumption", context: ticketNonce,
            length: hash.digestLength)
    }

    /// TLS-Exporter(label, context, length) (RFC 8446, Section 7.5), from an (early) exporter master secret.
    static func exportKeyingMaterial(
        hash: TLSHashAlgorithm, exporterMasterSecret: SymmetricKey, label: String, context: [UInt8], length: Int
    ) -> [UInt8] {
        let secret = hkdfExpandLabel(
            hash: hash, secret: exporterMasterSecret, label: label, context: hash.emptyHash,
            length: hash.digestLength)
        let key = hkdfExpandLabel(hash: hash, secret: secret, label: "exporter", context: hash.hash(context), length: length)
        return key.withUnsafeBytes { Array($0) }
    }

    /// HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446, Section 7.1): the info is
    /// `uint16 length || opaque label<7..255> = "tls13 " + Label || opaque context<0..255>`.
    static func hkdfExpandLabel(
        hash: TLSHashAlgorithm, secret: SymmetricKey, label: String, context: [UInt8], length: Int
    ) -> SymmetricKey {
        // One allocation: the label's bytes go straight from the strings into `info`.
        let prefix = "tls13 ".utf8
        let labelLength = prefix.count + label.utf8.count
        var info: [UInt8] = []
        info.reserveCapacity(4 + labelLength + context.count)
        info.append(UInt8(truncatingIfNeeded: length >> 8))
        info.append(UInt8(truncatingIfNeeded: length))
        info.append(UInt8(truncatingIfNeeded: labelLength))
        info.append(contentsOf: prefix)
        info.append(contentsOf: label.utf8)
        info.append(UInt8(truncatingIfNeeded: context.count))
        info.append(contentsOf: context)
        return hash.hkdfExpand(pseudoRandomKey: secret, info: info, length: length)
    }

    /// Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length).
    func deriveSecret(_ secret: SymmetricKey, label: String, transcriptHash: [UInt8]) -> SymmetricKey {
        Self.hkdfExpandLabel(hash: hash, secret: secret, label: label, context: transcriptHash, length: hash.digestLength)
    }

    /// The master secret; if `deriveHandshakeSecrets` was skipped (a caller error), the one a
    /// zero shared secret gives, which no peer will agree with, so the handshake fails safely.
    private var currentMasterSecret: SymmetricKey {
        if let masterSecret { return masterSecret }
        var copy = self
        _ = copy.deriveHandshakeSecrets(sharedSecret: zeroSecret, transcriptHash: hash.emptyHash)
        return copy.masterSecret ?? SymmetricKey(data: zeroSecret)
    }
}
