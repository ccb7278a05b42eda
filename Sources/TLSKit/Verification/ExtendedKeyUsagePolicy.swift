import SwiftASN1
import X509

/// Requires the leaf's extended key usage, when present, to allow the purpose the peer
/// authenticates for: serverAuth or clientAuth (RFC 5280, Section 4.2.1.12; RFC 8446,
/// Section 4.4.2.2). A leaf without the extension may be used for any purpose; the
/// anyExtendedKeyUsage value is accepted too.
public struct ExtendedKeyUsagePolicy: VerifierPolicy, Sendable {
    /// The usage the leaf must allow.
    public var requiredUsage: ExtendedKeyUsage.Usage

    public init(requiredUsage: ExtendedKeyUsage.Usage) {
        self.requiredUsage = requiredUsage
    }

    /// serverAuth for a server's certificate, clientAuth for a client's.
    public init(purpose: CertificateVerificationRequest.Purpose) {
        switch purpose {
        case .serverAuth: self.init(requiredUsage: .serverAuth)
        case .clientAuth: self.init(requiredUsage: .clientAuth)
        }
    }

    public var verifyingCriticalExtensions: [ASN1ObjectIdentifier] {
        [.X509ExtensionID.extendedKeyUsage]
    }

    public func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        Self.leafAllows(chain.leaf, usage: requiredUsage)
            ? .meetsPolicy
            : .failsToMeetPolicy(reason: "leaf's extended key usage does not allow \(requiredUsage)")
    }

    /// Whether `leaf` may be used for `usage`; an unparsable extension allows nothing.
    static func leafAllows(_ leaf: Certificate, usage: ExtendedKeyUsage.Usage) -> Bool {
        guard leaf.extensions[oid: .X509ExtensionID.extendedKeyUsage] != nil else {
            return true
        }
        guard let eku = try? leaf.extensions.extendedKeyUsage else {
            return false
        }
        return eku.contains(usage) || eku.contains(.any)
    }
}
