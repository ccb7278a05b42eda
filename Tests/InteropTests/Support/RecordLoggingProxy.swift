/// A relay in front of `upstream` that logs every TLS record it passes, one JSON line each:
/// `{"from": "client", "type": 22, "length": 512, "body": "16..."}` (the body, hex, only for
/// handshake records). The tests of `tlskit explain` check its message sizes against these
/// independent readings of the wire.
enum RecordLoggingProxy {
    static let script = """
        lock = threading.Lock()
        def records(pending):
            def watch(data, side):
                pending[side] += data
                while len(pending[side]) >= 5:
                    length = int.from_bytes(pending[side][3:5], "big")
                    if len(pending[side]) < 5 + length:
                        break
                    record = {"from": side, "type": pending[side][0], "length": length}
                    if pending[side][0] == 22:
                        record["body"] = pending[side][5:5 + length].hex()
                    pending[side] = pending[side][5 + length:]
                    with lock:
                        print(json.dumps(record), flush=True)
            return watch
        def relay(client):
            upstream = socket.create_connection(("127.0.0.1", upstream_port))
            relay_both(client, upstream, records({"client": b"", "server": b""}))
        """

    static func start(upstream: UInt16) async throws -> (proxy: PeerProcess, port: UInt16) {
        try await PythonRelay.start(script, upstream: upstream)
    }
}
