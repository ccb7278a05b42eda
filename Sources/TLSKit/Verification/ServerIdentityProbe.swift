import SwiftASN1
import X509

/// Asks swift-certificates' `ServerIdentityPolicy` about one certificate alone, so that the
/// diagnosis of a rejected chain, and `tlskit explain`, use the very matcher (wildcards, IP
/// addresses) that decided.
public enum ServerIdentityProbe {
    /// Whether `leaf`'s names cover `serverName`.
    public static func leaf(_ leaf: Certificate, matches serverName: String) async -> Bool {
        // The leaf is its own trust anchor here, so the Verifier applies the policy to [leaf].
        let critical = leaf.extensions.filter(\.critical).map(\.oid)
        var verifier = Verifier(rootCertificates: CertificateStore([leaf])) {
            IdentityOnly(
                identity: DefaultCertificateVerifier.identityPolicy(serverName: serverName),
                verifyingCriticalExtensions: critical
            )
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
        if case .validCertificate = result {
            return true
        }
        return false
    }

    /// The identity policy alone; claims the leaf's critical extensions so that they do not stop the probe.
    private struct IdentityOnly: VerifierPolicy {
        var identity: ServerIdentityPolicy
        var verifyingCriticalExtensions: [ASN1ObjectIdentifier]

        mutating func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
            identity.chainMeetsPolicyRequirements(chain: chain)
        }
    }
}
