import Foundation

/// A self-signed RSA-1024 certificate for localhost and 127.0.0.1 that expired in 2021, made
/// with `openssl ca -selfsign` and explicit dates (`openssl x509 -days` cannot go negative),
/// for servers a scan must report as weak. The files live in `directory`.
struct ExpiredRSA1024Certificate {
    let certificatePath: String
    let keyPath: String

    /// notAfter of the certificate.
    static let notAfter = "20210101000000Z"

    init(in directory: URL) async throws {
        let base = directory.appendingPathComponent("expired-rsa1024-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("newcerts"), withIntermediateDirectories: true)
        try Data().write(to: base.appendingPathComponent("index.txt"))
        try Data("01\n".utf8).write(to: base.appendingPathComponent("serial"))
        let configuration = """
            [ ca ]
            default_ca = scan_ca
            [ scan_ca ]
            dir = \(base.path)
            database = $dir/index.txt
            new_certs_dir = $dir/newcerts
            serial = $dir/serial
            default_md = sha256
            policy = policy_any
            x509_extensions = leaf_extensions
            unique_subject = no
            [ policy_any ]
            commonName = supplied
            [ leaf_extensions ]
            basicConstraints = CA:FALSE
            subjectAltName = DNS:localhost,IP:127.0.0.1
            """
        let configurationPath = base.appendingPathComponent("ca.cnf").path
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: configurationPath))
        keyPath = base.appendingPathComponent("key.pem").path
        certificatePath = base.appendingPathComponent("cert.pem").path
        let requestPath = base.appendingPathComponent("request.pem").path
        let openssl = try PeerTools.openssl()
        let request = try await PeerProcess.run(openssl, [
            "req", "-new", "-newkey", "rsa:1024", "-nodes", "-keyout", keyPath, "-subj", "/CN=localhost", "-out", requestPath,
        ])
        guard request.terminationStatus == 0 else {
            throw PeerProcess.Failure(description: "openssl req failed\n\(request.transcript)")
        }
        let sign = try await PeerProcess.run(openssl, [
            "ca", "-batch", "-notext", "-config", configurationPath, "-selfsign", "-keyfile", keyPath, "-in", requestPath,
            "-out", certificatePath, "-startdate", "20200101000000Z", "-enddate", Self.notAfter,
        ])
        guard sign.terminationStatus == 0 else {
            throw PeerProcess.Failure(description: "openssl ca failed\n\(sign.transcript)")
        }
    }
}
