import Foundation
import TLSKit
import X509

/// The local development CA and localhost certificate `tlskit server` uses when no `--cert` is
/// given, kept in a directory (by default `~/.tlskit/dev/`, mode 0700):
///
/// - `root.pem`, `root-key.pem` (0600): a root CA, valid ten years, made on first use;
/// - `localhost.pem`, `localhost-key.pem` (0600): a serverAuth leaf for DNS `localhost` and IP
///   `127.0.0.1` and `::1`, signed by the root, valid 90 days.
///
/// Next time both are reused; the leaf is reissued when it is missing, unreadable, not signed
/// by the root, or expires within a day, and the root is remade (and must be trusted again)
/// only when it is missing, unreadable or expires within a day.
struct DevelopmentCertificateStore {
    /// What `prepare` did.
    struct Outcome: Hashable {
        /// A new root was made (it must be trusted before clients accept the server).
        var createdRoot: Bool
        /// A new localhost certificate was issued.
        var issuedLeaf: Bool
    }

    var directory: String

    var rootFile: String { self.directory + "/root.pem" }
    var rootKeyFile: String { self.directory + "/root-key.pem" }
    var leafFile: String { self.directory + "/localhost.pem" }
    var leafKeyFile: String { self.directory + "/localhost-key.pem" }

    /// The names the localhost certificate covers.
    static let dnsNames = ["localhost"]
    static let ipAddresses = ["127.0.0.1", "::1"]
    /// A certificate that expires sooner than this is replaced.
    static let renewalMargin: TimeInterval = 86400

    /// `$HOME/.tlskit/dev` (or the home directory Foundation reports when HOME is unset).
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.tlskit/dev"
    }

    /// Makes sure a valid root and localhost certificate are on disk.
    @discardableResult
    func prepare(now: Date = Date()) throws -> Outcome {
        try PEMFileWriter.makeDirectory(self.directory, mode: 0o700)
        var outcome = Outcome(createdRoot: false, issuedLeaf: false)

        let authority: LocalCertificateAuthority
        if let existing = try? LocalCertificateAuthority.load(certificateFile: self.rootFile, keyFile: self.rootKeyFile),
           existing.identity.certificate.notValidAfter > now.addingTimeInterval(Self.renewalMargin) {
            authority = existing
        } else {
            authority = try LocalCertificateAuthority.create(name: Self.rootName(), keyType: .p256, days: 3650, now: now)
            try authority.save(certificateFile: self.rootFile, keyFile: self.rootKeyFile)
            outcome.createdRoot = true
        }

        if outcome.createdRoot || !self.leafIsUsable(authority: authority, now: now) {
            let leaf = try authority.issue(
                purpose: .server, commonName: "localhost", dnsNames: Self.dnsNames, ipAddresses: Self.ipAddresses,
                keyType: .p256, days: 90, now: now)
            try PEMFileWriter.write(leaf.privateKeyPEM, to: self.leafKeyFile, mode: PEMFileWriter.privateKeyMode)
            try PEMFileWriter.write(try leaf.certificatePEM(), to: self.leafFile, mode: PEMFileWriter.certificateMode)
            outcome.issuedLeaf = true
        }
        return outcome
    }

    /// Whether the leaf on disk can be served: it parses, its key matches, the root signed it,
    /// and it stays valid for more than a day.
    func leafIsUsable(authority: LocalCertificateAuthority, now: Date) -> Bool {
        guard let leaf = try? PEMCertificateLoader.certificates(fromPEMFile: self.leafFile).first,
              let key = try? PEMCertificateLoader.privateKey(fromFile: self.leafKeyFile)
        else { return false }
        return key.publicKey == leaf.publicKey
            && authority.signed(leaf)
            && leaf.notValidBefore <= now
            && leaf.notValidAfter > now.addingTimeInterval(Self.renewalMargin)
    }

    /// "TLSKit Development CA (user@host)", so several machines' roots can be told apart.
    static func rootName() -> String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? "user"
        let host = ProcessInfo.processInfo.hostName
        let name = "TLSKit Development CA (\(user)@\(host))"
        return name.utf8.count <= 64 ? name : "TLSKit Development CA"
    }

    /// How to trust the root, for the message `tlskit server` prints.
    func trustInstructions(port: Int) -> String {
        let portPart = port == 443 ? "" : ":\(port)"
        return """
            Development certificate for localhost, 127.0.0.1 and ::1 (signed by a local root CA):
              root CA:      \(self.rootFile)
              certificate:  \(self.leafFile)
            Trust the root for one command:
              curl --cacert \(self.rootFile) https://localhost\(portPart)/
              tlskit client localhost\(portPart) --cafile \(self.rootFile) --http /
            Trust it system-wide (Debian, Ubuntu), and undo by deleting the file and running the update again:
              sudo cp \(self.rootFile) /usr/local/share/ca-certificates/tlskit-dev-root.crt
              sudo update-ca-certificates
            The root's private key (\(self.rootKeyFile)) can issue certificates for any name: keep it private.
            """
    }
}
