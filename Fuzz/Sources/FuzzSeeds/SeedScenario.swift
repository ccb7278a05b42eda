import FuzzSupport
import TLSKit

/// One handshake (or two, for resumption) that `FuzzSeeds` runs: which of `FuzzProfiles`'s
/// client and server configurations meet, and what is changed on the client.
struct SeedScenario: Sendable {
    var name: String
    /// Indexes into `FuzzProfiles.clients` and `FuzzProfiles.servers`; the seeds of the state
    /// machine targets start with them.
    var client: Int
    var server: Int
    /// The TLS 1.2 form of the messages (nil for TLS 1.3).
    var tls12Form: FuzzMessageSelector.Form?
    /// Run a second handshake with the session the first left in the client's cache.
    var resumes = false
    var adjust: @Sendable (inout TLSClientConfiguration) -> Void = { _ in }

    static let all: [SeedScenario] = [
        SeedScenario(name: "tls13", client: 0, server: 0),
        SeedScenario(name: "tls13-hrr", client: 0, server: 0) { $0.keyShareGroups = [.secp256r1] },
        SeedScenario(name: "tls13-p384-chacha", client: 0, server: 0) {
            $0.keyShareGroups = [.secp384r1]
            $0.supportedGroups = [.secp384r1]
            $0.cipherSuites = [.tlsChaCha20Poly1305SHA256]
        },
        SeedScenario(name: "tls13-resumption", client: 0, server: 0, resumes: true),
        SeedScenario(name: "tls13-mtls", client: 2, server: 3),
        SeedScenario(name: "tls12", client: 1, server: 1, tls12Form: .tls12ECDHE),
        SeedScenario(name: "tls12-rsa-kx", client: 1, server: 2, tls12Form: .tls12RSA) {
            $0.cipherSuites = [.tlsRSAWithAES128GCMSHA256]
        },
        SeedScenario(name: "tls12-ecdhe-rsa", client: 1, server: 2, tls12Form: .tls12ECDHE) {
            $0.cipherSuites = [.tlsECDHERSAWithChaCha20Poly1305SHA256]
        },
        SeedScenario(name: "tls12-resumption", client: 1, server: 1, tls12Form: .tls12ECDHE, resumes: true),
        SeedScenario(name: "tls12-mtls", client: 3, server: 4, tls12Form: .tls12ECDHE),
        SeedScenario(name: "tls12-optional-certificate-none-sent", client: 0, server: 4, tls12Form: .tls12ECDHE),
    ]
}
