import Foundation
import X509

extension DefaultCertificateVerifier {
    /// Names the cause of a chain the `Verifier` rejected, checking in order: a path to a
    /// trusted root (by issuer names), validity dates along that path, the host name, the
    /// extended key usage, and finally the policy failures the `Verifier` reported.
    static func diagnose(
        leaf: Certificate,
        intermediates: [Certificate],
        roots: [Certificate],
        request: CertificateVerificationRequest,
        now: Date,
        policyFailures: [String]
    ) async -> CertificateError {
        let leafName = request.serverName.map { "certificate for \($0)" } ?? "certificate '\(leaf.subject)'"

        // 1. Follow issuer names from the leaf through what the peer sent to a root.
        var path = [leaf]
        var unused = intermediates
        var reachedRoot = roots.contains(leaf)
        while !reachedRoot, let tip = path.last {
            if roots.contains(where: { $0.subject == tip.issuer }) {
                reachedRoot = true
                break
            }
            if tip.isSelfIssued {
                return .untrustedSelfSigned(subject: "\(tip.subject)", isLeaf: path.count == 1)
            }
            guard let index = unused.firstIndex(where: { $0.subject == tip.issuer }) else {
                return .unknownIssuer(
                    issuer: "\(tip.issuer)",
                    subject: "\(tip.subject)",
                    sentIntermediates: path.count > 1
                )
            }
            path.append(unused.remove(at: index))
        }

        // 2. Validity dates of every certificate on the path (RFC 5280, Section 4.1.2.5).
        for (position, certificate) in path.enumerated() {
            let name = position == 0 ? leafName : "issuer certificate '\(certificate.subject)'"
            if now > certificate.notValidAfter {
                return .expired(subject: name, notValidAfter: certificate.notValidAfter)
            }
            if now < certificate.notValidBefore {
                return .notYetValid(subject: name, notValidBefore: certificate.notValidBefore)
            }
        }
        if let root = roots.first(where: { $0.subject == path.last?.issuer }) {
            if now > root.notValidAfter {
                return .expired(subject: "trusted root '\(root.subject)'", notValidAfter: root.notValidAfter)
            }
            if now < root.notValidBefore {
                return .notYetValid(subject: "trusted root '\(root.subject)'", notValidBefore: root.notValidBefore)
            }
        }

        // 3. The host name (RFC 6125, Section 6), with swift-certificates' own matcher.
        if request.purpose == .serverAuth, let serverName = request.serverName {
            let names = leaf.hostNames ?? []
            if names.isEmpty {
                return .hostMismatch(serverName: serverName, validNames: [])
            }
            if !(await ServerIdentityProbe.leaf(leaf, matches: serverName)) {
                return .hostMismatch(serverName: serverName, validNames: names)
            }
        }

        // 4. Extended key usage (RFC 5280, Section 4.2.1.12).
        let policy = ExtendedKeyUsagePolicy(purpose: request.purpose)
        if !ExtendedKeyUsagePolicy.leafAllows(leaf, usage: policy.requiredUsage) {
            let allowed = ((try? leaf.extensions.extendedKeyUsage).map { Array($0) } ?? []).map { "\($0)" }
            return .badUsage(subject: leafName, purpose: request.purpose, allowed: allowed)
        }

        // 5. Whatever the Verifier said.
        if let reason = policyFailures.first {
            return .invalid("certificate chain of '\(leaf.subject)' rejected: \(Self.concise(reason))")
        }
        return .noValidPath(subject: "\(leaf.subject)")
    }

    /// A policy failure reason without the certificate dumps swift-certificates puts in some
    /// (`Certificate(version: ..., extensions: [...])`), on one line.
    static func concise(_ reason: String) -> String {
        var text = reason
        while let start = text.range(of: "Certificate(") {
            // The dump ends at the parenthesis that closes `Certificate(`.
            var depth = 0
            var end: String.Index?
            for index in text[start.upperBound...].indices {
                if text[index] == "(" { depth += 1 }
                if text[index] == ")" {
                    if depth == 0 { end = text.index(after: index); break }
                    depth -= 1
                }
            }
            text.replaceSubrange(start.lowerBound..<(end ?? text.endIndex), with: "a certificate")
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
