extension HostPort {
    /// The value of a Host header for this host and port: the port is left out when it is the
    /// scheme's default (RFC 9110, Section 7.2), an IPv6 literal gets brackets.
    func hostHeader(defaultPort: Int) -> String {
        self.port == defaultPort ? self.hostForURL : self.description
    }
}
