import Foundation
import Testing
import TLSKit

/// Real peers (openssl, GnuTLS) judge the generated fixture, which proves its files are right:
/// good leaves verify, each bad leaf fails for its own reason, and TLSKit's verifier agrees.
@Suite struct PKIFixtureInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        // Leaves are made on demand, so each test pays only for the keys it uses.
        fixture = try TestPKIFixture(kinds: [])
    }

    /// Starts `openssl s_server -tls1_3 -www` serving `leaf`, waiting until it listens.
    func startOpenSSLServer(_ leaf: FixtureLeaf) async throws -> (PeerProcess, UInt16) {
        let port = try FreePort.allocate()
        var arguments = ["s_server", "-tls1_3", "-cert", leaf.certificatePath, "-key", leaf.keyPath, "-accept", "\(port)", "-www"]
        if let intermediatePath = leaf.intermediatePath {
            arguments += ["-cert_chain", intermediatePath]
        }
        let server = try PeerProcess(try PeerTools.openssl(), arguments)
        try await server.waitUntilListening(port: port)
        return (server, port)
    }

    /// `openssl s_client` verifying strictly for localhost against root.pem, stdin closed.
    func runOpenSSLClient(port: UInt16) async throws -> PeerProcess {
        try await PeerProcess.run(
            try PeerTools.openssl(),
            [
                "s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", fixture.rootPath, "-verify_return_error",
                "-servername", "localhost", "-verify_hostname", "localhost",
            ]
        )
    }

    @Test(arguments: DevelopmentKeyType.allCases)
    func opensslVerifiesGoodLeaf(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try fixture.leaf(.good(keyType))
        let (server, port) = try await startOpenSSLServer(leaf)
        let client = try await runOpenSSLClient(port: port)
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.transcript)")
        #expect(client.standardOutput.contains("Verify return code: 0 (ok)"), "\(client.transcript)")
        #expect(client.standardOutput.contains("TLSv1.3"), "\(client.transcript)")
        server.stop()
        #expect(!server.isRunning)
    }

    @Test(arguments: [
        (FixtureLeafKind.expired, "certificate has expired"),
        (.notYetValid, "certificate is not yet valid"),
        (.wrongHost, "hostname mismatch"),
        (.untrustedRoot, "unable to get local issuer certificate"),
        (.missingIntermediate, "unable to get local issuer certificate"),
        (.noServerAuth, "unsuitable certificate purpose"),
    ])
    func opensslRejectsBadLeaf(_ kind: FixtureLeafKind, _ expectedError: String) async throws {
        let leaf = try fixture.leaf(kind)
        let (server, port) = try await startOpenSSLServer(leaf)
        let client = try await runOpenSSLClient(port: port)
        #expect(client.terminationStatus != 0, "\(client.transcript)")
        #expect((client.standardOutput + client.standardError).contains(expectedError), "\(client.transcript)")
        server.stop()
    }

    @Test(arguments: DevelopmentKeyType.allCases)
    func gnutlsVerifiesGoodLeaf(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try fixture.leaf(.good(keyType))
        let port = try FreePort.allocate()
        let server = try PeerProcess(
            try PeerTools.gnutlsServ(),
            ["--x509certfile", leaf.chainPath, "--x509keyfile", leaf.keyPath, "-p", "\(port)"]
        )
        try await server.waitUntilListening(port: port)
        let client = try await PeerProcess.run(
            try PeerTools.gnutlsCLI(),
            ["--x509cafile", fixture.rootPath, "--verify-hostname", "localhost", "-p", "\(port)", "127.0.0.1"]
        )
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.transcript)")
        #expect(client.standardOutput.contains("The certificate is trusted"), "\(client.transcript)")
        #expect(client.standardOutput.contains("TLS1.3"), "\(client.transcript)")
    }

    @Test func gnutlsRejectsMissingIntermediate() async throws {
        let leaf = try fixture.leaf(.missingIntermediate)
        let port = try FreePort.allocate()
        let server = try PeerProcess(
            try PeerTools.gnutlsServ(),
            ["--x509certfile", leaf.chainPath, "--x509keyfile", leaf.keyPath, "-p", "\(port)"]
        )
        try await server.waitUntilListening(port: port)
        let client = try await PeerProcess.run(
            try PeerTools.gnutlsCLI(),
            ["--x509cafile", fixture.rootPath, "--verify-hostname", "localhost", "-p", "\(port)", "127.0.0.1"]
        )
        #expect(client.terminationStatus != 0, "\(client.transcript)")
        #expect(client.standardOutput.contains("The certificate is NOT trusted"), "\(client.transcript)")
    }

    /// TLSKit's verifier reaches the same verdicts on the same files, read back from disk.
    @Test func defaultVerifierAgreesOnEveryFixtureLeaf() async throws {
        let verifier = DefaultCertificateVerifier(trustRoots: try .pemFile(path: fixture.rootPath))
        let expected: [FixtureLeafKind: TLSError.Code] = [
            .expired: .certificateExpired, .notYetValid: .certificateNotYetValid, .wrongHost: .certificateHostMismatch,
            .untrustedRoot: .certificateUnknownIssuer, .missingIntermediate: .certificateUnknownIssuer,
            .noServerAuth: .certificateBadUsage,
        ]
        for kind in FixtureLeafKind.all {
            let leaf = try fixture.leaf(kind)
            let fromFile = try PEMCertificateLoader.certificates(fromPEMFile: leaf.chainPath)
            #expect(fromFile == (try leaf.chainDER.map { try PEMCertificateLoader.certificate(fromDER: $0) }), "\(kind)")
            let chain = leaf.chainDER
            let result = await verifier.verify(
                CertificateVerificationRequest(chain: chain, serverName: "localhost", purpose: .serverAuth)
            )
            switch (result, expected[kind]) {
            case (.trusted(let validated), nil):
                #expect(validated.count == 3, "\(kind)")
            case (.rejected(let error), let code?):
                #expect(error.code == code, "\(kind): \(error)")
            default:
                Issue.record("\(kind): unexpected \(result)")
            }
        }
    }

    /// openssl reads every key file, and converts them to the legacy formats TLSKit also loads.
    @Test(arguments: DevelopmentKeyType.allCases)
    func keyFilesAreReadableByOpenSSLAndBack(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try fixture.leaf(.good(keyType))
        let openssl = try PeerTools.openssl()
        let check = try await PeerProcess.run(openssl, ["pkey", "-in", leaf.keyPath, "-noout"])
        #expect(check.terminationStatus == 0, "\(check.transcript)")

        // Ed25519 keys exist only as PKCS#8; RSA and ECDSA also have PKCS#1 and SEC1 forms.
        guard keyType != .ed25519 else { return }
        let legacyPath = fixture.directory.appendingPathComponent("\(keyType)-legacy.pem").path
        let legacy = try await PeerProcess.run(openssl, ["pkey", "-in", leaf.keyPath, "-traditional", "-out", legacyPath])
        #expect(legacy.terminationStatus == 0, "\(legacy.transcript)")
        let derPath = fixture.directory.appendingPathComponent("\(keyType)-legacy.der").path
        let der = try await PeerProcess.run(openssl, ["pkey", "-in", leaf.keyPath, "-traditional", "-outform", "DER", "-out", derPath])
        #expect(der.terminationStatus == 0, "\(der.transcript)")
        for path in [leaf.keyPath, legacyPath, derPath] {
            let key = try PEMCertificateLoader.privateKey(fromFile: path)
            #expect(key.publicKey == leaf.identity.certificate.publicKey, "\(path)")
        }
        if keyType == .rsa2048 {
            #expect(try String(contentsOfFile: legacyPath, encoding: .utf8).hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        }
        if keyType == .p256 {
            #expect(try String(contentsOfFile: legacyPath, encoding: .utf8).hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
        }
    }
}
