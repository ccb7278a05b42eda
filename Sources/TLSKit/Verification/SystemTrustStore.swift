import Foundation
import SwiftASN1
import X509

/// The system's CA bundle, read from the first of the usual paths that exists.
enum SystemTrustStore {
    /// Debian/Ubuntu/Alpine/Arch, Fedora/RHEL, openSUSE, RHEL (extracted), macOS/BSD.
    static let searchPaths = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ]

    /// Loaded on first use (Swift initialises a static `let` once, thread-safely).
    static let certificates: Result<[Certificate], CertificateError> = load(paths: searchPaths)

    /// The same roots indexed for chain building, built once rather than at every handshake.
    static let store: Result<CertificateStore, CertificateError> = certificates.map { CertificateStore($0) }

    /// Reads the first bundle that exists; certificates that do not parse are skipped.
    static func load(paths: [String]) -> Result<[Certificate], CertificateError> {
        for path in paths where FileManager.default.isReadableFile(atPath: path) {
            guard let bytes = try? PEMCertificateLoader.readFile(path),
                let documents = try? PEMDocument.parseMultiple(pemString: String(decoding: bytes, as: UTF8.self))
            else {
                continue
            }
            let certificates = documents.compactMap { document in
                document.discriminator == "CERTIFICATE" ? try? Certificate(derEncoded: document.derBytes) : nil
            }
            if !certificates.isEmpty {
                return .success(certificates)
            }
        }
        return .failure(
            .noTrustRoots(
                "no system trust store found (looked for \(paths.joined(separator: ", "))); "
                    + "install ca-certificates or give a CA file"
            )
        )
    }
}
