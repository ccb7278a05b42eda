import Foundation
@_spi(FixedExpiryValidationTime) import X509

/// The default verifier: swift-certificates' `Verifier` with `RFC5280Policy` (validity dates,
/// basic constraints, name constraints), `ServerIdentityPolicy` (SAN DNS names and IP
/// addresses, wildcards in the first label only; RFC 6125) and `ExtendedKeyUsagePolicy`.
///
/// The first certificate of the request's chain is the leaf, the rest are untrusted
/// intermediates (RFC 8446, Section 4.4.2). A leaf without DNS or IP subject alternative names
/// is never valid for a host name (no Common Name fallback). When the chain is rejected the
/// error names the cause: expired, not yet valid, wrong host, unknown issuer (and a probably
/// missing intermediate), bad usage or a malformed certificate.
///
/// A self-signed end-entity certificate (CA:FALSE) that is itself one of the trust roots is
/// trusted directly, as OpenSSL, curl and Python do: its dates, name and usage are checked,
/// but RFC 5280's rule that an issuer be a CA does not apply to it.
public struct DefaultCertificateVerifier: CertificateVerifier {
    /// A peer sending more certificates than this is refused without building paths.
    public static let maximumChainLength = 16

    public var trustRoots: TrustRoots
    /// The time certificates must be valid at; nil means the time of each verification.
    public var validationTime: Date?

    public init(trustRoots: TrustRoots = .system, validationTime: Date? = nil) {
        self.trustRoots = trustRoots
        self.validationTime = validationTime
    }

    public func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        do {
            return .trusted(chain: try await validate(request))
        } catch {
            return .rejected(error.tlsError(for: request.purpose))
        }
    }

    /// The validated chain as DER, leaf first, ending at the trust anchor.
    func validate(_ request: CertificateVerificationRequest) async throws(CertificateError) -> [[UInt8]] {
        guard !request.chain.isEmpty else {
            throw .invalid("the peer sent no certificate")
        }
        guard request.chain.count <= Self.maximumChainLength else {
            throw .invalid(
                "the peer sent \(request.chain.count) certificates; at most \(Self.maximumChainLength) are accepted"
            )
        }
        var parsed: [Certificate] = []
        for (index, der) in request.chain.enumerated() {
            if index == 0, let leaf = request.parsedLeaf.certificate(for: der) {
                parsed.append(leaf)
                continue
            }
            do {
                parsed.append(try Certificate(derEncoded: der))
            } catch {
                let which = index == 0 ? "the peer's certificate" : "certificate \(index + 1) of the peer's chain"
                throw .invalid("\(which) is malformed: \(error)")
            }
        }
        let leaf = parsed[0]
        let intermediates = Array(parsed.dropFirst())
        let rootStore = try trustRoots.resolveStore()

        var identity: ServerIdentityPolicy?
        if request.purpose == .serverAuth, let serverName = request.serverName {
            // No Common Name fallback: a leaf must name the host in its SAN extension.
            guard let names = leaf.hostNames, !names.isEmpty else {
                throw .hostMismatch(serverName: serverName, validNames: [])
            }
            identity = Self.identityPolicy(serverName: serverName)
        }

        let validationTime = self.validationTime
        if leaf.isSelfIssued, !leaf.isCertificateAuthority, try trustRoots.resolve().contains(leaf) {
            return try await Self.validateDirectlyTrusted(
                leaf, request: request, now: validationTime ?? Date(), checkIdentity: identity != nil)
        }
        var verifier = Verifier(rootCertificates: rootStore) {
            if let validationTime {
                RFC5280Policy(fixedExpiryValidationTime: validationTime)
            } else {
                RFC5280Policy()
            }
            ExtendedKeyUsagePolicy(purpose: request.purpose)
            if let identity {
                identity
            }
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        switch result {
        case .validCertificate(let chain):
            var der: [[UInt8]] = []
            for certificate in chain {
                do {
                    der.append(try certificate.derBytes())
                } catch {
                    throw .invalid("a validated certificate could not be encoded: \(error)")
                }
            }
            return der
        case .couldNotValidate(let failures):
            throw await Self.diagnose(
                leaf: leaf,
                intermediates: intermediates,
                roots: try trustRoots.resolve(),
                request: request,
                now: validationTime ?? Date(),
                policyFailures: failures.map { $0.policyFailureReason.description }
            )
        }
    }

    /// A self-signed leaf that is one of the trust roots: valid now, for the server name (when
    /// checked) and for the purpose.
    static func validateDirectlyTrusted(
        _ leaf: Certificate, request: CertificateVerificationRequest, now: Date, checkIdentity: Bool
    ) async throws(CertificateError) -> [[UInt8]] {
        let name = request.serverName.map { "certificate for \($0)" } ?? "certificate '\(leaf.subject)'"
        if now > leaf.notValidAfter { throw .expired(subject: name, notValidAfter: leaf.notValidAfter) }
        if now < leaf.notValidBefore { throw .notYetValid(subject: name, notValidBefore: leaf.notValidBefore) }
        if checkIdentity, let serverName = request.serverName, !(await ServerIdentityProbe.leaf(leaf, matches: serverName)) {
            throw .hostMismatch(serverName: serverName, validNames: leaf.hostNames ?? [])
        }
        let usage = ExtendedKeyUsagePolicy(purpose: request.purpose).requiredUsage
        guard ExtendedKeyUsagePolicy.leafAllows(leaf, usage: usage) else {
            let allowed = ((try? leaf.extensions.extendedKeyUsage).map { Array($0) } ?? []).map { "\($0)" }
            throw .badUsage(subject: name, purpose: request.purpose, allowed: allowed)
        }
        do {
            return [try leaf.derBytes()]
        } catch {
            throw .invalid("the trusted certificate '\(leaf.subject)' could not be encoded")
        }
    }

    /// `ServerIdentityPolicy` for a host name or an IP literal (brackets allowed for IPv6).
    static func identityPolicy(serverName: String) -> ServerIdentityPolicy {
        if IPAddressText.octets(serverName) != nil {
            var literal = Substring(serverName)
            if literal.hasPrefix("["), literal.hasSuffix("]") {
                literal = literal.dropFirst().dropLast()
            }
            return ServerIdentityPolicy(serverHostname: nil, serverIP: String(literal))
        }
        return ServerIdentityPolicy(serverHostname: serverName, serverIP: nil)
    }
}
