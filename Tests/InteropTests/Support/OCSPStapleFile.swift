import Foundation

/// A DER OCSP response saying "good" for a fixture leaf, signed by its issuer, made with
/// `openssl ocsp` from an index file, for `openssl s_server -status_file` to staple.
struct OCSPStapleFile {
    let path: String

    /// `issuerCertificatePath` and `issuerKeyPEM` belong to the CA that issued `leafPath`.
    init(leafPath: String, issuerCertificatePath: String, issuerKeyPEM: String, in directory: URL) async throws {
        let base = directory.appendingPathComponent("ocsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let keyPath = base.appendingPathComponent("issuer-key.pem").path
        try Data(issuerKeyPEM.utf8).write(to: URL(fileURLWithPath: keyPath))
        let openssl = try PeerTools.openssl()
        let serial = try await PeerProcess.run(openssl, ["x509", "-in", leafPath, "-noout", "-serial"])
        guard serial.terminationStatus == 0, let hex = serial.standardOutput.split(separator: "=").last else {
            throw PeerProcess.Failure(description: "openssl x509 -serial failed\n\(serial.transcript)")
        }
        // index.txt: status, expiry, revocation date, serial, file, subject (openssl ca's format).
        let index = "V\t491231235959Z\t\t\(hex.trimmingCharacters(in: .whitespacesAndNewlines))\tunknown\t/CN=localhost\n"
        let indexPath = base.appendingPathComponent("index.txt").path
        try Data(index.utf8).write(to: URL(fileURLWithPath: indexPath))
        let requestPath = base.appendingPathComponent("request.der").path
        path = base.appendingPathComponent("response.der").path
        let request = try await PeerProcess.run(openssl, [
            "ocsp", "-issuer", issuerCertificatePath, "-cert", leafPath, "-no_nonce", "-reqout", requestPath,
        ])
        guard request.terminationStatus == 0 else {
            throw PeerProcess.Failure(description: "openssl ocsp -reqout failed\n\(request.transcript)")
        }
        let response = try await PeerProcess.run(openssl, [
            "ocsp", "-index", indexPath, "-rsigner", issuerCertificatePath, "-rkey", keyPath, "-CA", issuerCertificatePath,
            "-reqin", requestPath, "-respout", path, "-ndays", "1",
        ])
        guard response.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else {
            throw PeerProcess.Failure(description: "openssl ocsp -respout failed\n\(response.transcript)")
        }
    }
}
