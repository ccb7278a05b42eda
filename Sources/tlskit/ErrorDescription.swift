#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import TLSKit

/// Turns whatever ended a connection into one line a person can act on.
enum ErrorDescription {
    static func describe(_ error: any Error, target: HostPort) -> String {
        switch error {
        case let error as TLSError:
            return error.reason
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first {
                return self.describe(failure.error, target: target)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return "could not resolve host '\(target.host)'"
            }
            return "could not connect to \(target)"
        case let error as IOError:
            return self.describe(errno: error.errnoCode, target: target)
        case let error as ChannelError:
            if case .connectTimeout(let timeout) = error {
                return "connection to \(target) timed out after \(timeout.nanoseconds / 1_000_000_000) seconds"
            }
            return "connection to \(target) failed: \(error)"
        default:
            return "\(error)"
        }
    }

    static func describe(errno code: Int32, target: HostPort) -> String {
        switch code {
        case ECONNREFUSED: "connection to \(target) refused"
        case ETIMEDOUT: "connection to \(target) timed out"
        case EHOSTUNREACH, ENETUNREACH: "\(target) is unreachable"
        case ECONNRESET: "the connection to \(target) was reset"
        default: "connection to \(target) failed: \(String(cString: strerror(code)))"
        }
    }
}
