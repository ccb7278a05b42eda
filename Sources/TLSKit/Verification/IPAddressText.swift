#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts IP address literals to and from the octets an X.509 iPAddress name holds
/// (RFC 5280, Section 4.2.1.6: 4 octets for IPv4, 16 for IPv6).
enum IPAddressText {
    /// The octets of an IPv4 or IPv6 literal (`127.0.0.1`, `::1`, `[::1]`), or nil if `text` is none.
    static func octets(_ text: String) -> [UInt8]? {
        var literal = Substring(text)
        if literal.hasPrefix("["), literal.hasSuffix("]") {
            literal = literal.dropFirst().dropLast()
        }
        guard !literal.isEmpty, literal.utf8.count <= 64 else { return nil }
        let string = String(literal)
        var v4 = [UInt8](repeating: 0, count: 4)
        if string.withCString({ inet_pton(AF_INET, $0, &v4) }) == 1 {
            return v4
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        if string.withCString({ inet_pton(AF_INET6, $0, &v6) }) == 1 {
            return v6
        }
        return nil
    }

    /// The textual form of 4 or 16 octets, or a hex dump for any other length.
    static func text(_ octets: some Collection<UInt8>) -> String {
        let bytes = Array(octets)
        switch bytes.count {
        case 4:
            return bytes.map(String.init).joined(separator: ".")
        case 16:
            var buffer = [CChar](repeating: 0, count: 64)
            let ok = bytes.withUnsafeBytes { raw in
                buffer.withUnsafeMutableBufferPointer { out in
                    inet_ntop(AF_INET6, raw.baseAddress, out.baseAddress, socklen_t(out.count)) != nil
                }
            }
            if ok {
                return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        default:
            return bytes.map { String($0, radix: 16) }.joined()
        }
    }
}
