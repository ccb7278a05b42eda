/// The parts every Python relay of the interop tests shares: listening on a free port of
/// 127.0.0.1, piping each direction until it closes (telling an optional `watch(data, side)`
/// what passed), and accepting connections; a relay adds its own `relay(client)`.
enum PythonRelay {
    static let prelude = """
        import json, socket, sys, threading
        listen_port, upstream_port = int(sys.argv[1]), int(sys.argv[2])
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen_port))
        server.listen(8)
        def pipe(source, sink, side, watch):
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    sink.sendall(data)
                    if watch:
                        watch(data, side)
            except OSError:
                pass
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        def relay_both(client, upstream, watch=None):
            threads = [threading.Thread(target=pipe, args=(client, upstream, "client", watch)),
                       threading.Thread(target=pipe, args=(upstream, client, "server", watch))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            client.close()
            upstream.close()

        """

    static let acceptLoop = """

        while True:
            connection, _ = server.accept()
            threading.Thread(target=relay, args=(connection,), daemon=True).start()
        """

    /// Runs `prelude + body + acceptLoop` in front of 127.0.0.1:`upstream` and waits until it
    /// listens. The caller stops it (`defer { proxy.stop() }`).
    static func start(_ body: String, upstream: UInt16) async throws -> (proxy: PeerProcess, port: UInt16) {
        let port = try FreePort.allocate()
        let proxy = try PeerProcess(try PeerTools.python3(), ["-u", "-c", prelude + body + acceptLoop, "\(port)", "\(upstream)"])
        do {
            try await proxy.waitUntilListening(port: port)
        } catch {
            proxy.stop()
            throw error
        }
        return (proxy, port)
    }
}
