#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import TLSKit

/// `IPAddressText` (pure Swift in the core) against the C library's inet_pton and inet_ntop.
@Suite struct IPAddressTextTests {
    static let literals = [
        "127.0.0.1", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.02.3.4",
        "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4 ", "a.b.c.d", "::", "::1", "1::", ":::", "::1:", ":1::", "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7::8", "1::2::3", "fe80::1",
        "FE80::ABCD", "fe80::1%eth0", "12345::", "0000:0000::0001", "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4", "::ffff:01.2.3.4", "1.2.3.4::", "::ffff:1.2.3", "2001:db8::", "2001:db8:0:0:1:0:0:1",
        "g::1", "1:", "", "localhost", "[::1]",
    ]

    @Test func parsesLikeInetPton() {
        for literal in Self.literals {
            var bare = Substring(literal)
            if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
            var v4 = [UInt8](repeating: 0, count: 4)
            var v6 = [UInt8](repeating: 0, count: 16)
            let expected: [UInt8]? =
                String(bare).withCString({ inet_pton(AF_INET, $0, &v4) }) == 1 ? v4
                : String(bare).withCString({ inet_pton(AF_INET6, $0, &v6) }) == 1 ? v6 : nil
            #expect(IPAddressText.octets(literal) == expected, "\(literal)")
        }
    }

    @Test func writesLikeInetNtop() {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = Self.literals.compactMap(IPAddressText.octets).filter { $0.count == 16 }
        for _ in 0..<2000 {
            // Mostly zero groups, so that runs of every length and position come up.
            samples.append((0..<8).flatMap { _ -> [UInt8] in
                let nonZero = generator.next(upperBound: UInt8(3)) == 0
                let group: UInt16 = nonZero ? UInt16.random(in: 0...0xFFFF, using: &generator) : 0
                return [UInt8(group >> 8), UInt8(group & 0xFF)]
            })
        }
        samples.append([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, 1])
        for bytes in samples {
            var buffer = [CChar](repeating: 0, count: 64)
            let written = bytes.withUnsafeBytes { raw in
                buffer.withUnsafeMutableBufferPointer { out in
                    inet_ntop(AF_INET6, raw.baseAddress, out.baseAddress, socklen_t(out.count)) != nil
                }
            }
            #expect(written)
            let expected = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            #expect(IPAddressText.text(bytes) == expected, "\(bytes)")
        }
        #expect(IPAddressText.text([127, 0, 0, 1]) == "127.0.0.1")
    }
}
