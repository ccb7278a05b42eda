import ArgumentParser
import TLSKit

/// Parses the openssl-style lists of `--groups`, `--ciphersuites` and `--alpn`.
enum AlgorithmNames {
    /// Groups to advertise and the ones to send key shares for.
    struct GroupSelection: Hashable {
        var supportedGroups: [NamedGroup]
        var keyShareGroups: [NamedGroup]
    }

    /// `X25519MLKEM768:X25519:P-256` (colons or commas). Every group is advertised in order; the
    /// first gets a key share, and when the first is the X25519MLKEM768 hybrid and X25519 is
    /// listed too, X25519 also gets one, so a server without ML-KEM needs no HelloRetryRequest.
    static func groups(_ list: String) throws -> GroupSelection {
        var groups: [NamedGroup] = []
        for name in try self.items(list, what: "group") {
            guard let group = NamedGroup(name: name), NamedGroup.supported.contains(group) else {
                throw ValidationError("unknown group '\(name)' (supported: X25519MLKEM768, X25519, P-256, P-384)")
            }
            if !groups.contains(group) { groups.append(group) }
        }
        guard let first = groups.first else {
            throw ValidationError("no group given")
        }
        var keyShares = [first]
        if first == .x25519MLKEM768, groups.contains(.x25519) {
            keyShares.append(.x25519)
        }
        return GroupSelection(supportedGroups: groups, keyShareGroups: keyShares)
    }

    /// `TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256` (colons or commas), in preference order.
    static func cipherSuites(_ list: String) throws -> [CipherSuite] {
        var suites: [CipherSuite] = []
        for name in try self.items(list, what: "cipher suite") {
            guard let suite = CipherSuite(name: name.uppercased()) else {
                let known = CipherSuite.tls13Suites.map(\.description).joined(separator: ", ")
                throw ValidationError("unknown cipher suite '\(name)' (supported: \(known))")
            }
            if !suites.contains(suite) { suites.append(suite) }
        }
        return suites
    }

    /// TLS 1.2 suites by OpenSSL name (`ECDHE-RSA-AES128-GCM-SHA256`) or IANA name, colons or
    /// commas, in preference order.
    static func tls12CipherSuites(_ list: String) throws -> [CipherSuite] {
        var suites: [CipherSuite] = []
        let implemented = CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites
        for name in try self.items(list, what: "cipher suite") {
            guard let suite = CipherSuite(opensslName: name.uppercased()) ?? CipherSuite(name: name.uppercased()),
                implemented.contains(suite)
            else {
                let known = implemented.compactMap(\.opensslName).joined(separator: ", ")
                throw ValidationError("unknown TLS 1.2 cipher suite '\(name)' (supported: \(known))")
            }
            if !suites.contains(suite) { suites.append(suite) }
        }
        return suites
    }

    /// `h2,http/1.1` (commas only: protocol names may contain colons), in preference order.
    /// Each name is 1 to 255 bytes (RFC 7301, Section 3.1).
    static func applicationProtocols(_ list: String) throws -> [String] {
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0.trimmingPrefixAndSuffixWhitespace())
        }
        var protocols: [String] = []
        for name in names {
            guard (1...255).contains(name.utf8.count) else {
                throw ValidationError("ALPN protocol names must be 1 to 255 bytes long: '\(name)'")
            }
            if !protocols.contains(name) { protocols.append(name) }
        }
        return protocols
    }

    private static func items(_ list: String, what: String) throws -> [String] {
        let items = list.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "," })
            .map { String($0.trimmingPrefixAndSuffixWhitespace()) }
        guard !items.contains(where: \.isEmpty) else {
            throw ValidationError("empty \(what) name in '\(list)'")
        }
        return items
    }
}

extension Substring {
    fileprivate func trimmingPrefixAndSuffixWhitespace() -> Substring {
        var result = self
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }
}
