import ArgumentParser
import Foundation
import SwiftASN1
import TLSKit
import Testing
import X509

@testable import tlskit

/// `tlskit cert`: the PEM files it writes, read back.
@Suite struct CertCommandTests {
    static func leaf(_ path: String) throws -> Certificate {
        try #require(try PEMCertificateLoader.certificates(fromPEMFile: path).first)
    }

    static func sans(_ certificate: Certificate) throws -> [GeneralName] {
        Array(try #require(try certificate.extensions.subjectAlternativeNames))
    }

    @Test func caServerAndClientCertificates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let caDirectory = directory.file("ca")
        let out = directory.file("certs")

        let ca = try CertCACommand.parse(["--out", caDirectory, "--name", "Test CA"]).write()
        #expect(ca.certificate == caDirectory + "/ca.pem")
        #expect(try TemporaryDirectory.mode(ca.key) == 0o600)
        let root = try Self.leaf(ca.certificate)
        #expect(root.subject.description.contains("Test CA"))
        #expect(try root.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))

        let server = try CertServerCommand.parse([
            "--ca", caDirectory, "--out", out, "--dns", "localhost", "--dns", "*.test.example", "--ip", "127.0.0.1", "--ip", "::1",
        ]).write()
        #expect(server.certificate == out + "/server.pem")
        #expect(server.key == out + "/server-key.pem")
        #expect(try TemporaryDirectory.mode(server.key) == 0o600)
        let serverLeaf = try Self.leaf(server.certificate)
        #expect(serverLeaf.issuer == root.subject)
        #expect(root.publicKey.isValidSignature(serverLeaf.signature, for: serverLeaf))
        #expect(try serverLeaf.extensions.extendedKeyUsage.map(Array.init) == [.serverAuth])
        #expect(
            try Self.sans(serverLeaf) == [
                .dnsName("localhost"), .dnsName("*.test.example"),
                .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
            ])
        let serverKey = try PEMCertificateLoader.privateKey(fromFile: server.key)
        #expect(serverKey.publicKey == serverLeaf.publicKey)
        #expect(LocalCertificateAuthority.keyType(of: serverLeaf.publicKey) == .p256)

        let client = try CertClientCommand.parse(["--ca", caDirectory, "--out", out, "--name", "alice"]).write()
        #expect(client.certificate == out + "/alice.pem")
        let clientLeaf = try Self.leaf(client.certificate)
        #expect(clientLeaf.subject.description == "CN=alice")
        #expect(try clientLeaf.extensions.extendedKeyUsage.map(Array.init) == [.clientAuth])
        #expect(try clientLeaf.extensions.subjectAlternativeNames == nil)
        #expect(root.publicKey.isValidSignature(clientLeaf.signature, for: clientLeaf))
        #expect(try PEMCertificateLoader.privateKey(fromFile: client.key).publicKey == clientLeaf.publicKey)
    }

    @Test func theLeavesVerifyForTheirPurpose() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let caDirectory = directory.file("ca")
        let ca = try CertCACommand.parse(["--out", caDirectory]).write()
        let server = try CertServerCommand.parse(["--ca", caDirectory, "--out", directory.path, "--dns", "localhost"]).write()
        let client = try CertClientCommand.parse(["--ca", caDirectory, "--out", directory.path, "--name", "bob"]).write()
        let verifier = DefaultCertificateVerifier(trustRoots: try TrustRoots.pemFile(path: ca.certificate))
        let serverDER = try Self.leaf(server.certificate).testDER()
        let clientDER = try Self.leaf(client.certificate).testDER()

        let asServer = await verifier.verify(.init(chain: [serverDER], serverName: "localhost", purpose: .serverAuth))
        guard case .trusted = asServer else { Issue.record("server leaf rejected: \(asServer)"); return }
        let asClient = await verifier.verify(.init(chain: [clientDER], serverName: nil, purpose: .clientAuth))
        guard case .trusted = asClient else { Issue.record("client leaf rejected: \(asClient)"); return }
        // The EKU keeps each to its role.
        let clientAsServer = await verifier.verify(.init(chain: [clientDER], serverName: nil, purpose: .serverAuth))
        guard case .rejected = clientAsServer else { Issue.record("client leaf accepted for serverAuth"); return }
        let serverAsClient = await verifier.verify(.init(chain: [serverDER], serverName: nil, purpose: .clientAuth))
        guard case .rejected = serverAsClient else { Issue.record("server leaf accepted for clientAuth"); return }
    }

    @Test(arguments: [DevelopmentKeyType.p384, .rsa3072, .ed25519])
    func keyTypes(_ keyType: DevelopmentKeyType) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let caDirectory = directory.file("ca")
        let ca = try CertCACommand.parse(["--out", caDirectory, "--key-type", keyType.rawValue]).write()
        #expect(LocalCertificateAuthority.keyType(of: try Self.leaf(ca.certificate).publicKey) == keyType)
        let server = try CertServerCommand.parse([
            "--ca", caDirectory, "--out", directory.path, "--ip", "127.0.0.1", "--key-type", keyType.rawValue, "--name", "ip",
        ]).write()
        let leaf = try Self.leaf(server.certificate)
        #expect(LocalCertificateAuthority.keyType(of: leaf.publicKey) == keyType)
        // The key file is one TLSKit can sign with.
        let key = try TLSSigningKey(pemEncoded: String(contentsOfFile: server.key, encoding: .utf8))
        #expect(key.publicKey == leaf.publicKey)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try CertCACommand.parse(["--out", directory.path]).write()
        let before = try String(contentsOfFile: first.certificate, encoding: .utf8)
        #expect(throws: CommandFailure.self) { try CertCACommand.parse(["--out", directory.path]).write() }
        #expect(try String(contentsOfFile: first.certificate, encoding: .utf8) == before)
        _ = try CertCACommand.parse(["--out", directory.path, "--force"]).write()
        #expect(try String(contentsOfFile: first.certificate, encoding: .utf8) != before)
    }

    @Test func optionsAreValidated() {
        #expect(throws: (any Error).self) { try CertServerCommand.parse(["--ca", "x", "--out", "y"]) }  // no SAN
        #expect(throws: (any Error).self) { try CertClientCommand.parse(["--ca", "x", "--out", "y"]) }  // no --name
        #expect(throws: (any Error).self) { try CertCACommand.parse(["--out", "y", "--key-type", "dsa"]) }
        #expect(CertificateFileNames.safeFileName("*.example.com") == "wildcard.example.com")
        #expect(CertificateFileNames.safeFileName("../../etc/x") == "_.._etc_x")
    }
}
