import Foundation

/// A man in the middle for the downgrade test (RFC 8446, Section 4.1.3): a Python relay on a
/// free port of 127.0.0.1 that forwards each connection to `upstream`, rewriting each first
/// ClientHello's supported_versions so that TLS 1.3 (0x0304) reads as an unknown version
/// (0x7F1C). The server then negotiates TLS 1.2, and a server that speaks TLS 1.3 marks its
/// random with the downgrade sentinel. Everything else is relayed unchanged.
enum DowngradingProxy {
    static let script = """
        import socket, sys, threading
        listen_port, upstream_port = int(sys.argv[1]), int(sys.argv[2])
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen_port))
        server.listen(8)
        def read_exact(sock, n):
            data = b""
            while len(data) < n:
                chunk = sock.recv(n - len(data))
                if not chunk:
                    raise EOFError
                data += chunk
            return data
        def pipe(source, sink):
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
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
            threads = [threading.Thread(target=pipe, args=(client, upstream)),
                       threading.Thread(target=pipe, args=(upstream, client))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            client.close()
            upstream.close()
        while True:
            connection, _ = server.accept()
            threading.Thread(target=relay, args=(connection,), daemon=True).start()
        """

    /// Starts the relay in front of 127.0.0.1:`upstream` and waits until it listens.
    static func start(upstream: UInt16) async throws -> (proxy: PeerProcess, port: UInt16) {
        let port = try FreePort.allocate()
        let proxy = try PeerProcess(try PeerTools.python3(), ["-c", script, "\(port)", "\(upstream)"])
        do {
            try await proxy.waitUntilListening(port: port)
        } catch {
            proxy.stop()
            throw error
        }
        return (proxy, port)
    }
}
