/// The body of the `status_request` extension, whose shape depends on where it appears.
///
/// - ClientHello: a `CertificateStatusRequest` (RFC 6066, Section 8), normally OCSP.
/// - CertificateEntry: a `CertificateStatus` carrying the OCSP response (RFC 8446, Section 4.4.2.1).
/// - CertificateRequest (and a TLS 1.2 ServerHello): an empty body.
public enum StatusRequest: Hashable, Sendable {
    /// `status_type` ocsp(1) with an `OCSPStatusRequest`: `ResponderID responder_id_list<0..2^16-1>`
    /// (each `<1..2^16-1>`) and DER `request_extensions<0..2^16-1>`, kept raw.
    case ocspRequest(responderIDs: [[UInt8]], requestExtensions: [UInt8])
    /// `status_type` ocsp(1) with a DER `OCSPResponse<1..2^24-1>`.
    case ocspResponse([UInt8])
    /// An empty body.
    case empty
    /// A status type other than ocsp(1), kept byte for byte.
    case other(statusType: UInt8, data: [UInt8])

    /// `CertificateStatusType.ocsp` (RFC 6066, Section 8).
    static let ocspStatusType: UInt8 = 1
}
