extension TLSError {
    /// Turns any error thrown inside the core into the public error with its alert.
    static func from(_ error: any Error) -> TLSError {
        switch error {
        case let error as TLSError: error
        case let error as DecodeError: error.tlsError
        case let error as PeerMisbehaved: error.tlsError
        case let error as PeerIncompatible: error.tlsError
        case let error as CertificateRejection: error.tlsError
        default: TLSError(code: .internalError, reason: "internal error: \(error)", alert: .internalError)
        }
    }
}
