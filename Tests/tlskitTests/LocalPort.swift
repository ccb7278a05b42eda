#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// TCP ports on 127.0.0.1 for servers a test starts: free ones from 20000..<32000 (below
/// Linux's ephemeral range, so no outgoing connection takes one in the meantime), handed out
/// once per process, and a check whether something listens.
enum LocalPort {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let range = 20000..<32000
    private static let next = Mutex<Int>(Int.random(in: 20000..<32000))

    /// A port that nothing listens on and that binds on all interfaces right now.
    static func free() throws -> Int {
        for _ in 0..<200 {
            let port = self.next.withLock { value -> Int in
                let current = value
                value = current + 1 >= self.range.upperBound ? self.range.lowerBound : current + 1
                return current
            }
            if self.canBind(port) && !self.isListening(port) { return port }
        }
        throw Failure(description: "no free TCP port found in \(self.range)")
    }

    static func isListening(_ port: Int) -> Bool {
        self.withSocket(port: port, any: false) { fd, address in connect(fd, address, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }

    private static func canBind(_ port: Int) -> Bool {
        self.withSocket(port: port, any: true) { fd, address in bind(fd, address, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }

    private static func withSocket(port: Int, any: Bool, _ body: (Int32, UnsafePointer<sockaddr>) -> Bool) -> Bool {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = any ? 0 : UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(fd, $0) }
        }
    }
}
