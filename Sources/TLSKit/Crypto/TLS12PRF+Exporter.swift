import Crypto

extension TLS12PRF {
    /// Keying material exported from a TLS 1.2 connection (RFC 5705, Section 4):
    ///
    /// ```
    /// PRF(SecurityParameters.master_secret, label,
    ///     SecurityParameters.client_random + SecurityParameters.server_random
    ///     [+ context_value_length + context_value])[length]
    /// ```
    ///
    /// A `nil` context and an empty one differ here (unlike TLS 1.3): only a present context
    /// adds its `uint16` length and bytes. The caller checks the label against the reserved
    /// ones (`TLSConnection.reservedExporterLabels`) and should require the extended master
    /// secret (RFC 7627, Section 5.4). Throws `.invalidArgument` for a context longer than
    /// 2^16 - 1 bytes or a length below 1.
    static func exportKeyingMaterial(
        hash: TLSHashAlgorithm, masterSecret: SymmetricKey, clientRandom: [UInt8], serverRandom: [UInt8],
        label: String, context: [UInt8]?, length: Int
    ) throws -> [UInt8] {
        guard length >= 1 else {
            throw TLSError(code: .invalidArgument, reason: "an exporter must produce at least 1 byte, not \(length)")
        }
        var seed = clientRandom + serverRandom
        if let context {
            guard context.count <= 0xFFFF else {
                throw TLSError(
                    code: .invalidArgument,
                    reason: "an exporter context can be at most 65535 bytes long, not \(context.count) (RFC 5705, Section 4)")
            }
            seed.append(UInt8(truncatingIfNeeded: context.count >> 8))
            seed.append(UInt8(truncatingIfNeeded: context.count))
            seed.append(contentsOf: context)
        }
        return prf(hash: hash, secret: masterSecret, label: label, seed: seed, length: length).withUnsafeBytes { Array($0) }
    }
}
