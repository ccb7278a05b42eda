#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A TCP port that was free a moment ago, for a peer process to listen on.
///
/// Ports come from 20000..<32000, below Linux's ephemeral range (32768 and up), so the
/// outgoing connections of concurrently running tests can never take a port between the
/// moment it is chosen and the moment the peer binds it. A process-wide counter hands each
/// caller a different port; a port that does not bind on all interfaces is skipped.
enum FreePort {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let range: Range<UInt16> = 20000..<32000
    private static let next = Mutex<UInt16>(UInt16.random(in: range))

    static func allocate() throws -> UInt16 {
        for _ in 0..<200 {
            let port = next.withLock { value -> UInt16 in
                let current = value
                value = current + 1 >= range.upperBound ? range.lowerBound : current + 1
                return current
            }
            if canBind(port) { return port }
        }
        throw Failure(description: "no free TCP port found in \(range)")
    }

    /// Whether a listening socket could bind 0.0.0.0:`port` right now (as `openssl s_server` will).
    private static func canBind(_ port: UInt16) -> Bool {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        address.sin_addr.s_addr = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` right now.
    static func isListening(_ port: UInt16) -> Bool {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return connected == 0
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
