import Crypto

extension TLSConnection {
    /// Labels that RFC 5705 (Section 4) and RFC 7627 reserve for TLS's own PRF uses; an
    /// exporter must not use them.
    static let reservedExporterLabels: Set<String> = [
        "client finished", "server finished", "master secret", "key expansion", "extended master secret",
    ]

    /// TLS-Exporter(label, context, length) (RFC 8446, Section 7.5) after checking the
    /// arguments: a label of 1 to 249 bytes ("tls13 " + label must fit HkdfLabel.label<7..255>,
    /// Section 7.1) that is not reserved, and 1 to 255 * Hash.length bytes (the HKDF-Expand limit).
    static func exportKeyingMaterial(
        hash: TLSHashAlgorithm, exporterMasterSecret: SymmetricKey, label: String, context: [UInt8]?, length: Int
    ) throws -> [UInt8] {
        let labelLength = label.utf8.count
        guard labelLength >= 1, labelLength <= 255 - 6 else {
            throw TLSError(code: .invalidArgument, reason: "an exporter label must be 1 to 249 bytes long, not \(labelLength)")
        }
        guard !reservedExporterLabels.contains(label) else {
            throw TLSError(code: .invalidArgument, reason: "the exporter label '\(label)' is reserved for TLS itself (RFC 5705, Section 4)")
        }
        let maximum = 255 * hash.digestLength
        guard length >= 1, length <= maximum else {
            throw TLSError(code: .invalidArgument, reason: "an exporter can produce 1 to \(maximum) bytes with this cipher suite, not \(length)")
        }
        // Section 7.5: no context and an empty context give the same value in TLS 1.3.
        return TLS13KeySchedule.exportKeyingMaterial(
            hash: hash, exporterMasterSecret: exporterMasterSecret, label: label, context: context ?? [], length: length)
    }
}
