import ArgumentParser
import TLSKit

/// `--profile`: the configuration presets after Mozilla's server-side TLS recommendations.
enum ServerProfile: String, CaseIterable, ExpressibleByArgument {
    /// TLS 1.3 only.
    case modern
    /// TLS 1.2 and 1.3 (the same as modern until TLS 1.2 is built).
    case intermediate

    func configuration(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        switch self {
        case .modern: .modern(identities: identities)
        case .intermediate: .intermediate(identities: identities)
        }
    }
}
