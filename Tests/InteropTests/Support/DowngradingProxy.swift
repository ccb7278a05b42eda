/// A man in the middle for the downgrade test (RFC 8446, Section 4.1.3): a Python relay on a
/// free port of 127.0.0.1 that forwards each connection to `upstream`, rewriting each first
/// ClientHello's supported_versions so that TLS 1.3 (0x0304) reads as an unknown version
/// (0x7F1C). The server then negotiates TLS 1.2, and a server that speaks TLS 1.3 marks its
/// random with the downgrade sentinel. Everything else is relayed unchanged.
enum DowngradingProxy {
    static let script = """
        def read_exact(sock, n):
            data = b""
            while len(data) < n:
                chunk = sock.recv(n - len(data))
                if not chunk:
                    raise EOFError
                data += chunk
            return data
        def relay(client):
            try:
                header = read_exact(client, 5)
                body = read_exact(client, int.from_bytes(header[3:5], "big"))
            except (EOFError, OSError):
                client.close()
                return
            marker = bytes([0x00, 0x2B])
            start = body.find(marker)
            while start >= 0:
                length = int.from_bytes(body[start + 2:start + 4], "big")
                if length >= 3 and body[start + 4] == length - 1:
                    versions = body[start + 5:start + 4 + length].replace(b"\\x03\\x04", b"\\x7f\\x1c")
                    body = body[:start + 5] + versions + body[start + 4 + length:]
                    print("rewrote supported_versions", flush=True)
                    break
                start = body.find(marker, start + 1)
            upstream = socket.create_connection(("127.0.0.1", upstream_port))
            upstream.sendall(header + body)
            relay_both(client, upstream)
        """

    /// Starts the relay in front of 127.0.0.1:`upstream` and waits until it listens.
    static func start(upstream: UInt16) async throws -> (proxy: PeerProcess, port: UInt16) {
        try await PythonRelay.start(script, upstream: upstream)
    }
}
