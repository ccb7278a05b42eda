import ArgumentParser
import TLSKit

/// `--profile`: the configuration presets after Mozilla's server-side TLS recommendations.
enum ServerProfile: String, CaseIterable, ExpressibleByArgument {
    /// TLS 1.3 only.
    case modern
    /// TLS 1.2 and 1.3, ECDHE suites only (the default).
    case intermediate
    /// intermediate plus TLS 1.2 RSA key exchange, which has no forward secrecy.
    case legacy

    func configuration(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        switch self {
        case .modern: .modern(identities: identities)
        case .intermediate: .intermediate(identities: identities)
        case .legacy: .legacy(identities: identities)
        }
    }
}
