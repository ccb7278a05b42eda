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
    /// Any error that ended a command, without a connection target.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as TLSError: error.reason
        case let error as CommandFailure: error.message
        case let error as PEMFileWriterError: error.message
        case let error as RequestPathResolverError: error.message
        case let error as IOError: String(cString: strerror(error.errnoCode))
        default: "\(error)"
        }
    }

    /// Why `host:port` cannot be listened on, and what to do.
    static func describeListen(_ error: any Error, target: HostPort, option: String) -> String {
        guard let error = error as? IOError else {
            return "cannot listen on \(target): \(self.describe(error))"
        }
        switch error.errnoCode {
        case EADDRINUSE:
            return "port \(target.port) on \(target.host) is already in use; stop the program using it or choose another port with \(option)"
        case EACCES:
            return "no permission to listen on port \(target.port) (ports below 1024 need root); choose another port with \(option)"
        case EADDRNOTAVAIL:
            return "\(target.host) is not an address of this machine; choose another with --host"
        default:
            return "cannot listen on \(target): \(String(cString: strerror(error.errnoCode)))"
        }
    }

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
            return self.describe(error)
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
