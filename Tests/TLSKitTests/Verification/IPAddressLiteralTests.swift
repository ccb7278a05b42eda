import Testing
@testable import TLSKit

/// IP address literals are never sent as SNI (RFC 6066, Section 3).
@Suite struct IPAddressLiteralTests {
    @Test(arguments: ["127.0.0.1", "0.0.0.0", "255.255.255.255", "10.01.2.3", "::1", "[::1]", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1"])
    func literals(_ text: String) {
        #expect(IPAddressLiteral.isLiteral(text))
    }

    @Test(arguments: [
        "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", ".1.2.3", "1.2.3.", "1234.1.1.1", "1.2.3.a",
        "", "[", "[]", "fe80::1%eth0", "g::1", "١.٢.٣.٤", String(repeating: "0:", count: 23),
    ])
    func notLiterals(_ text: String) {
        #expect(!IPAddressLiteral.isLiteral(text))
    }
}
