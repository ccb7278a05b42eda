import Foundation
import TLSKit
import X509

/// The checks `tlskit explain` shows for the server's chain, each made on its own (the
/// verifier's verdict decides; these show why): each signature link, each validity period,
/// the name (with swift-certificates' matcher, as the verifier uses it) and the trust anchor.
struct CertificateChecks: Sendable {
    var facts: [NarratedFact]

    /// Checks `chain` (DER, leaf first, as sent) for `serverName` at `now`; `trustSource` names
    /// what the verifier trusted (`the system trust store`, `the roots in ca.pem`).
    static func evaluate(chain: [[UInt8]], serverName: String?, trustSource: String, now: Date = Date()) async -> CertificateChecks {
        var facts = [NarratedFact("Chain", "\(chain.count) certificate(s) as sent, checked by \(trustSource)")]
        let certificates = chain.compactMap { try? Certificate(derEncoded: $0) }
        guard certificates.count == chain.count, let leaf = certificates.first else {
            facts.append(NarratedFact("Parsing", "FAILED: not every certificate parses as X.509"))
            return CertificateChecks(facts: facts)
        }
        for index in certificates.indices {
            let certificate = certificates[index]
            if index + 1 < certificates.count {
                let issuer = certificates[index + 1]
                let valid = issuer.publicKey.isValidSignature(certificate.signature, for: certificate)
                facts.append(NarratedFact("Signature \(index)", valid ? "signed by certificate \(index + 1) (\(issuer.subject)): valid" : "NOT a valid signature by certificate \(index + 1) (\(issuer.subject))"))
            } else if certificate.issuer == certificate.subject, certificate.publicKey.isValidSignature(certificate.signature, for: certificate) {
                facts.append(NarratedFact("Signature \(index)", "self-signed: trusted only if it is itself a trust anchor"))
            } else {
                facts.append(NarratedFact("Signature \(index)", "issued by \(certificate.issuer): the verifier must find that issuer among its roots"))
            }
        }
        for (index, certificate) in certificates.enumerated() {
            facts.append(NarratedFact("Dates \(index)", Self.describeValidity(certificate, now: now)))
        }
        let names = CertificateDescription(certificate: leaf).subjectAlternativeNames
        if !names.contains(where: { $0.hasPrefix("DNS:") || $0.hasPrefix("IP:") }) {
            facts.append(NarratedFact("Name", "MISMATCH: the leaf has no DNS or IP subject alternative name (the Common Name does not count, RFC 6125)"))
        } else if let serverName {
            let covered = await ServerIdentityProbe.leaf(leaf, matches: serverName)
            facts.append(
                NarratedFact(
                    "Name", covered ? "the leaf's names (\(names.joined(separator: ", "))) cover '\(serverName)'"
                        : "MISMATCH: the leaf's names (\(names.joined(separator: ", "))) do not cover '\(serverName)'"))
        } else {
            facts.append(NarratedFact("Name", "no name to check"))
        }
        return CertificateChecks(facts: facts)
    }

    /// `valid, 364 days left (until 2027-01-02 ...)`, or what is wrong with the dates.
    static func describeValidity(_ certificate: Certificate, now: Date) -> String {
        let until = CertificateDescription.format(certificate.notValidAfter)
        if now > certificate.notValidAfter {
            return "EXPIRED on \(until)"
        }
        if now < certificate.notValidBefore {
            return "NOT YET VALID: valid from \(CertificateDescription.format(certificate.notValidBefore))"
        }
        let days = Int(certificate.notValidAfter.timeIntervalSince(now) / 86_400)
        return "valid, \(days == 1 ? "1 day" : "\(days) days") left (until \(until))"
    }
}
