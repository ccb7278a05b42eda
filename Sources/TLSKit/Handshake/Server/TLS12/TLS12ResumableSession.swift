import Crypto

/// A TLS 1.2 session a ClientHello may resume (RFC 5246, Section 7.3; RFC 5077, Section 3.1).
struct TLS12ResumableSession {
    let session: ServerSessionState
    let parameters: CipherSuiteParameters
    let masterSecret: SymmetricKey
    let extendedMasterSecret: Bool
}
