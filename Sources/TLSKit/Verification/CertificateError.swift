import Foundation

/// Why a peer's certificate chain was rejected; each cause knows its alert
/// (RFC 8446, Section 6.2) and becomes a `TLSError` with its own code.
enum CertificateError: Error, Hashable, Sendable {
    /// `subject` names the certificate ("certificate for localhost", "issuer certificate 'CN=...'").
    case expired(subject: String, notValidAfter: Date)
    case notYetValid(subject: String, notValidBefore: Date)
    /// `validNames` are the DNS and IP subject alternative names the leaf holds.
    case hostMismatch(serverName: String, validNames: [String])
    /// No certificate, sent or trusted, issued `subject`; `sentIntermediates` says whether the peer sent more than its leaf.
    case unknownIssuer(issuer: String, subject: String, sentIntermediates: Bool)
    /// The chain ends at a self-signed certificate that is not a trusted root.
    case untrustedSelfSigned(subject: String, isLeaf: Bool)
    /// The chain reaches a trusted root's name, but no signature-valid path was found.
    case noValidPath(subject: String)
    case badUsage(subject: String, purpose: CertificateVerificationRequest.Purpose, allowed: [String])
    case invalid(String)
    case noTrustRoots(String)

    /// RFC 8446, Section 6.2.
    var alert: AlertDescription {
        switch self {
        case .expired: .certificateExpired
        case .notYetValid, .hostMismatch, .invalid: .badCertificate
        case .unknownIssuer, .untrustedSelfSigned, .noValidPath: .unknownCA
        case .badUsage: .unsupportedCertificate
        case .noTrustRoots: .internalError
        }
    }

    var code: TLSError.Code {
        switch self {
        case .expired: .certificateExpired
        case .notYetValid: .certificateNotYetValid
        case .hostMismatch: .certificateHostMismatch
        case .unknownIssuer, .untrustedSelfSigned, .noValidPath: .certificateUnknownIssuer
        case .badUsage: .certificateBadUsage
        case .invalid: .certificateInvalid
        case .noTrustRoots: .configuration
        }
    }

    /// What went wrong and what to do; `purpose` says whose certificate it was (server or client).
    func reason(for purpose: CertificateVerificationRequest.Purpose) -> String {
        let peer = purpose == .serverAuth ? "server" : "client"
        let trustOption = purpose == .serverAuth ? "--cafile" : "--client-ca"
        switch self {
        case .expired(let subject, let date):
            return "\(subject) expired on \(Self.format(date)); the \(peer) must renew it"
        case .notYetValid(let subject, let date):
            return "\(subject) is not valid until \(Self.format(date)); check this machine's clock, "
                + "or the \(peer) is using a certificate issued for the future"
        case .hostMismatch(let serverName, let validNames):
            if validNames.isEmpty {
                return "certificate has no DNS or IP subject alternative names, so it is not valid for \(serverName) "
                    + "(the Common Name is not used for host names, RFC 6125)"
            }
            return "certificate is valid for \(validNames.joined(separator: ", ")), not for \(serverName)"
        case .unknownIssuer(let issuer, let subject, let sentIntermediates):
            if sentIntermediates {
                return "no trusted issuer for '\(issuer)' (issuer of '\(subject)'): '\(issuer)' is not a trusted root; "
                    + "add it to the trust roots (\(trustOption)) if this is a private PKI"
            }
            return "no trusted issuer for '\(issuer)' (issuer of '\(subject)'); "
                + "the \(peer) may not be sending its intermediate certificate"
        case .untrustedSelfSigned(let subject, let isLeaf):
            if isLeaf {
                return "certificate '\(subject)' is self-signed and not a trusted root"
            }
            return "certificate chain ends at '\(subject)', a self-signed root that is not trusted"
        case .noValidPath(let subject):
            return "no valid chain from '\(subject)' to a trusted root: an issuer's signature does not verify"
        case .badUsage(let subject, let purpose, let allowed):
            let wanted = purpose == .serverAuth ? "TLS server authentication (serverAuth)" : "TLS client authentication (clientAuth)"
            let list = allowed.isEmpty ? "nothing" : allowed.joined(separator: ", ")
            return "\(subject) may not be used for \(wanted): its extended key usage allows only \(list)"
        case .invalid(let reason):
            return reason
        case .noTrustRoots(let reason):
            return reason
        }
    }

    func tlsError(for purpose: CertificateVerificationRequest.Purpose) -> TLSError {
        TLSError(code: code, reason: reason(for: purpose), alert: alert)
    }

    /// `2026-01-02 12:00:00 UTC`.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime]
        return formatter.string(from: date) + " UTC"
    }
}
