import NIOCore

/// A `HOST[:PORT]` argument: a DNS name, an IPv4 literal or a bracketed IPv6 literal
/// (`[::1]:8443`), with an optional port. A bare IPv6 literal (`::1`) is accepted without a port.
struct HostPort: Hashable, Sendable, CustomStringConvertible {
    /// The host without brackets.
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `argument`, using `defaultPort` when none is given.
    init(parsing argument: String, defaultPort: Int = 443) throws(HostPortError) {
        var host: Substring
        var portText: Substring?
        if argument.hasPrefix("[") {
            guard let close = argument.firstIndex(of: "]") else {
                throw HostPortError(argument: argument, problem: "missing ']' after the IPv6 address")
            }
            host = argument[argument.index(after: argument.startIndex)..<close]
            let rest = argument[argument.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else {
                    throw HostPortError(argument: argument, problem: "expected ':PORT' after ']'")
                }
                portText = rest.dropFirst()
            }
            guard Self.isIPv6(host) else {
                throw HostPortError(argument: argument, problem: "'\(host)' is not an IPv6 address")
            }
        } else if argument.filter({ $0 == ":" }).count > 1 {
            // An unbracketed IPv6 literal: no port can follow it unambiguously.
            host = Substring(argument)
            guard Self.isIPv6(host) else {
                throw HostPortError(argument: argument, problem: "write an IPv6 address with a port as [ADDRESS]:PORT")
            }
        } else if let colon = argument.firstIndex(of: ":") {
            host = argument[..<colon]
            portText = argument[argument.index(after: colon)...]
        } else {
            host = Substring(argument)
        }
        guard !host.isEmpty else {
            throw HostPortError(argument: argument, problem: "the host is empty")
        }
        guard host.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "/" && $0 != "@" }) else {
            throw HostPortError(argument: argument, problem: "the host contains characters a host name cannot have")
        }
        var port = defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.allSatisfy(\.isNumber) else {
                throw HostPortError(argument: argument, problem: "the port must be a number from 1 to 65535")
            }
            port = value
        }
        self.host = String(host)
        self.port = port
    }

    /// Whether the host is an IPv4 or IPv6 address literal rather than a DNS name.
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self.host, port: 0)) != nil
    }

    /// `host:port`, with brackets around an IPv6 host.
    var description: String {
        "\(self.hostForURL):\(self.port)"
    }

    /// The host as it appears in a URL or a Host header: IPv6 literals in brackets.
    var hostForURL: String {
        self.host.contains(":") ? "[\(self.host)]" : self.host
    }

    private static func isIPv6(_ text: Substring) -> Bool {
        guard let address = try? SocketAddress(ipAddress: String(text), port: 0) else { return false }
        if case .v6 = address { return true }
        return false
    }
}
