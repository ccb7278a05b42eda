#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP connection to the runner on the loopback address (IPv4 or, with `-ipv6`, IPv6).
struct ShimSocket {
    private let descriptor: Int32

    /// Connects to 127.0.0.1 (or ::1) at `port`.
    init(port: UInt16, ipv6: Bool) throws {
        let family = ipv6 ? AF_INET6 : AF_INET
        #if canImport(Glibc)
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(family, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ShimFailure.failed("socket() failed: errno \(errno)") }
        var result: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = in6addr_loopback
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            close(fd)
            throw ShimFailure.failed("connect() to port \(port) failed: errno \(errno)")
        }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        descriptor = fd
    }

    /// Writes all of `bytes`; a failure throws.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ShimFailure.failed("write failed: errno \(errno)")
            }
            offset += written
        }
    }

    /// Reads what is available, up to `maximum` bytes; an empty array means end of stream.
    func read(maximum: Int = 16 * 1024) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, maximum, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                // A reset after the peer is done counts as the end of the stream.
                if errno == ECONNRESET { return [] }
                throw ShimFailure.failed("read failed: errno \(errno)")
            }
            return Array(buffer.prefix(count))
        }
    }

    /// Half-closes: the runner reads end of stream after our last record.
    func shutdownWrite() {
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads and drops input until the peer closes, for at most about two seconds.
    func drainUntilEnd() {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while let bytes = try? read(), !bytes.isEmpty {}
    }

    /// Closes the descriptor.
    func disconnect() {
        _ = close(descriptor)
    }
}
