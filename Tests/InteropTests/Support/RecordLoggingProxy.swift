/// A relay on a free port of 127.0.0.1 in front of `upstream` that logs every TLS record it
/// passes, one JSON line each: `{"from": "client", "type": 22, "length": 512, "body": "16..."}`
/// (the body, hex, only for handshake records). The tests of `tlskit explain` check its message
/// sizes against these independent readings of the wire.
enum RecordLoggingProxy {
    static let script = """
        import json, socket, sys, threading
        listen_port, upstream_port = int(sys.argv[1]), int(sys.argv[2])
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen_port))
        server.listen(8)
        lock = threading.Lock()
        def pipe(source, sink, side):
            pending = b""
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    sink.sendall(data)
                    pending += data
                    while len(pending) >= 5:
                        length = int.from_bytes(pending[3:5], "big")
                        if len(pending) < 5 + length:
                            break
                        record = {"from": side, "type": pending[0], "length": length}
                        if pending[0] == 22:
                            record["body"] = pending[5:5 + length].hex()
                        pending = pending[5 + length:]
                        with lock:
                            print(json.dumps(record), flush=True)
            except OSError:
                pass
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        def relay(client):
            upstream = socket.create_connection(("127.0.0.1", upstream_port))
            threads = [threading.Thread(target=pipe, args=(client, upstream, "client")),
                       threading.Thread(target=pipe, args=(upstream, client, "server"))]
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
        let proxy = try PeerProcess(try PeerTools.python3(), ["-u", "-c", script, "\(port)", "\(upstream)"])
        do {
            try await proxy.waitUntilListening(port: port)
        } catch {
            proxy.stop()
            throw error
        }
        return (proxy, port)
    }
}
