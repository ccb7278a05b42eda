import Crypto

/// The handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ClientTrafficState {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    var clientApplicationSecret: SymmetricKey
    var serverApplicationSecret: SymmetricKey
    var resumptionMasterSecret: SymmetricKey
}
