import Foundation

/// Python's `ssl` module as a client: a default context (`ssl.create_default_context`) trusting
/// a given root, connecting to 127.0.0.1 with `server_hostname`, sending one HTTP request and
/// reading the response to the end. It prints one JSON object.
enum PythonTLSClient {
    struct Outcome: Decodable {
        /// `ssl.SSLSocket.version()`, such as `TLSv1.3`.
        var version: String?
        /// The cipher suite's name from `cipher()`.
        var cipher: String?
        var alpn: String?
        /// The leaf's subject common name.
        var peerCommonName: String?
        /// The response, decoded as Latin-1.
        var data: String?
        /// `repr()` of the exception that ended the connection, if any.
        var error: String?
        /// The `SSLError.reason`, such as `TLSV13_ALERT_CERTIFICATE_REQUIRED`.
        var reason: String?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let script = #"""
        import json, socket, ssl, sys
        port, cafile, server_name, alpn, cert, key, max_version, curve = sys.argv[1:9]
        out = {}
        try:
            context = ssl.create_default_context(cafile=cafile)
            if alpn:
                context.set_alpn_protocols(alpn.split(","))
            if cert:
                context.load_cert_chain(cert, key)
            if curve:
                context.set_ecdh_curve(curve)
            if max_version == "1.2":
                context.maximum_version = ssl.TLSVersion.TLSv1_2
            with socket.create_connection(("127.0.0.1", int(port)), timeout=120) as raw:
                with context.wrap_socket(raw, server_hostname=server_name) as tls:
                    out["version"] = tls.version()
                    out["cipher"] = tls.cipher()[0]
                    out["alpn"] = tls.selected_alpn_protocol()
                    subject = dict(x[0] for x in tls.getpeercert()["subject"])
                    out["peerCommonName"] = subject.get("commonName")
                    tls.sendall(b"GET / HTTP/1.1\r\nHost: " + server_name.encode() + b"\r\nConnection: close\r\n\r\n")
                    data = b""
                    while True:
                        chunk = tls.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    out["data"] = data.decode("latin-1")
        except ssl.SSLError as error:
            out["error"] = repr(error)
            out["reason"] = error.reason
        except Exception as error:
            out["error"] = repr(error)
        print(json.dumps(out))
        """#

    /// `alpn`: protocols for `set_alpn_protocols`; `certificate`: a chain and key for
    /// `load_cert_chain`; `maximumVersion` "1.2" caps the context at TLS 1.2; `curve` (an
    /// OpenSSL name such as `secp384r1`) goes to `set_ecdh_curve`, leaving only that group.
    static func run(
        port: UInt16,
        caFile: String,
        serverName: String = "localhost",
        alpn: [String] = [],
        certificate: (certificate: String, key: String)? = nil,
        maximumVersion: String = "",
        curve: String = ""
    ) async throws -> (outcome: Outcome, process: PeerProcess) {
        let arguments = [
            "-c", script, "\(port)", caFile, serverName, alpn.joined(separator: ","),
            certificate?.certificate ?? "", certificate?.key ?? "", maximumVersion, curve,
        ]
        let process = try await PeerProcess.run(try PeerTools.python3(), arguments)
        guard process.terminationStatus == 0, let line = process.standardOutput.split(separator: "\n").last else {
            throw Failure(description: "python3 failed\n\(process.transcript)")
        }
        do {
            return (try JSONDecoder().decode(Outcome.self, from: Data(line.utf8)), process)
        } catch {
            throw Failure(description: "python3 printed no JSON outcome: \(error)\n\(process.transcript)")
        }
    }
}
