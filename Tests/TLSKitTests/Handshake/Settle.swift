import Testing
@testable import TLSKit

/// Drives a connection until it needs input or fails; returns the error, if any. For tests
/// that feed arbitrary bytes: anything but a `TLSError` is recorded as an issue.
func settle(_ connection: inout TLSConnection) -> TLSError? {
    for _ in 0..<16 {
        do {
            guard try connection.nextAction() != nil else { return nil }
        } catch let error as TLSError {
            return error
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }
    return nil
}
