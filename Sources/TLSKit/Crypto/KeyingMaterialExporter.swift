import Crypto

/// The keying material exporter of a connected connection (RFC 5705). TLS 1.3's is HKDF over
/// the exporter_master_secret (RFC 8446, Section 7.5); TLS 1.2's is the PRF over the master
/// secret and both randoms (RFC 5705, Section 4).
enum KeyingMaterialExporter: Sendable {
    case tls13(hash: TLSHashAlgorithm, exporterMasterSecret: SymmetricKey)
    case tls12(hash: TLSHashAlgorithm, masterSecret: SymmetricKey, clientRandom: [UInt8], serverRandom: [UInt8])

    /// Labels that RFC 5705 (Section 4) and RFC 7627 reserve for TLS's own PRF uses; an
    /// exporter must not use them.
    static let reservedLabels: Set<String> = [
        "client finished", "server finished", "master secret", "key expansion", "extended master secret",
    ]

    /// TLS-Exporter(label, context, length) after checking the arguments (`.invalidArgument`).
    /// TLS 1.3: a label of 1 to 249 bytes ("tls13 " + label must fit HkdfLabel.label<7..255>,
    /// Section 7.1) that is not reserved, and 1 to 255 * Hash.length bytes (the HKDF-Expand
    /// limit); no context and an empty context give the same value (Section 7.5). TLS 1.2: a
    /// label that is not reserved, at least 1 byte, a context of at most 65535 bytes; no
    /// context and an empty context differ (RFC 5705, Section 4).
    func exportKeyingMaterial(label: String, context: [UInt8]?, length: Int) throws -> [UInt8] {
        switch self {
        case .tls12(let hash, let masterSecret, let clientRandom, let serverRandom):
            guard !label.isEmpty, !Self.reservedLabels.contains(label) else {
                throw TLSError(code: .invalidArgument, reason: "the exporter label '\(label)' is empty or reserved for TLS itself (RFC 5705, Section 4)")
            }
            return try TLS12PRF.exportKeyingMaterial(
                hash: hash, masterSecret: masterSecret, clientRandom: clientRandom, serverRandom: serverRandom,
                label: label, context: context, length: length)
        case .tls13(let hash, let exporterMasterSecret):
            let labelLength = label.utf8.count
            guard labelLength >= 1, labelLength <= 255 - 6 else {
                throw TLSError(code: .invalidArgument, reason: "an exporter label must be 1 to 249 bytes long, not \(labelLength)")
            }
            guard !Self.reservedLabels.contains(label) else {
                throw TLSError(code: .invalidArgument, reason: "the exporter label '\(label)' is reserved for TLS itself (RFC 5705, Section 4)")
            }
            let maximum = 255 * hash.digestLength
            guard length >= 1, length <= maximum else {
                throw TLSError(code: .invalidArgument, reason: "an exporter can produce 1 to \(maximum) bytes with this cipher suite, not \(length)")
            }
            return TLS13KeySchedule.exportKeyingMaterial(
                hash: hash, exporterMasterSecret: exporterMasterSecret, label: label, context: context ?? [], length: length)
        }
    }
}
