/// The one error type TLSKit reports to applications.
///
/// `code` is stable and meant for programs; `reason` says what went wrong and what to do, and
/// is meant for people. `alert` is the alert that was sent (or received) because of it.
public struct TLSError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    public var reason: String
    public var alert: AlertDescription?

    public init(code: Code, reason: String, alert: AlertDescription? = nil) {
        self.code = code
        self.reason = reason
        self.alert = alert
    }

    public var description: String { reason }

    /// A stable error category.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The peer sent bytes that do not parse.
        public static let decodeError = Code(rawValue: "decode_error")
        /// The peer broke the protocol (wrong message, bad MAC, bad Finished, bad signature).
        public static let peerMisbehaved = Code(rawValue: "peer_misbehaved")
        /// The peer and we share no version, suite, group, scheme or protocol.
        public static let peerIncompatible = Code(rawValue: "peer_incompatible")
        /// The peer sent a fatal alert.
        public static let alertReceived = Code(rawValue: "alert_received")
        /// The connection was closed (close_notify or end of stream).
        public static let closed = Code(rawValue: "closed")
        /// The local configuration cannot work (bad key, no suites, ...).
        public static let configuration = Code(rawValue: "configuration")
        /// The API was used out of order (write before the handshake, ...).
        public static let invalidState = Code(rawValue: "invalid_state")
        /// An argument the application passed is out of range (an exporter label or length, ...).
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// A bug or a failure in a primitive; never caused by what a peer sends.
        public static let internalError = Code(rawValue: "internal_error")
        /// The peer's certificate has expired.
        public static let certificateExpired = Code(rawValue: "certificate_expired")
        /// The peer's certificate is not valid yet.
        public static let certificateNotYetValid = Code(rawValue: "certificate_not_yet_valid")
        /// The peer's certificate does not cover the name or address we connected to.
        public static let certificateHostMismatch = Code(rawValue: "certificate_host_mismatch")
        /// No chain from the peer's certificate to a trusted root could be built.
        public static let certificateUnknownIssuer = Code(rawValue: "certificate_unknown_issuer")
        /// The peer's certificate may not be used for this purpose (extended key usage).
        public static let certificateBadUsage = Code(rawValue: "certificate_bad_usage")
        /// The peer sent no certificate although one is required (certificate_required).
        public static let certificateRequired = Code(rawValue: "certificate_required")
        /// The peer's certificate is malformed or otherwise rejected.
        public static let certificateInvalid = Code(rawValue: "certificate_invalid")
        /// The peer went past one of the connection's `TLSResourceLimits`; the reason names it.
        public static let limitExceeded = Code(rawValue: "limit_exceeded")
        /// The handshake did not complete within `TLSResourceLimits.handshakeTimeout`.
        public static let handshakeTimeout = Code(rawValue: "handshake_timeout")
    }
}
