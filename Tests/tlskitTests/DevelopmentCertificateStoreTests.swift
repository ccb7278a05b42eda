import Foundation
import SwiftASN1
import TLSKit
import Testing
import X509

@testable import tlskit

/// The development CA of `tlskit server`: made once, reused, the leaf reissued when it expires.
@Suite struct DevelopmentCertificateStoreTests {
    static func certificate(_ path: String) throws -> Certificate {
        try #require(try PEMCertificateLoader.certificates(fromPEMFile: path).first)
    }

    @Test func defaultDirectoryIsUnderHome() {
        #expect(DevelopmentCertificateStore.defaultDirectory(environment: ["HOME": "/home/ada"]) == "/home/ada/.tlskit/dev")
        #expect(DevelopmentCertificateStore.defaultDirectory(environment: ["HOME": "/home/ada/"]) == "/home/ada/.tlskit/dev")
    }

    @Test func createsThenReuses() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let store = DevelopmentCertificateStore(directory: home.file(".tlskit/dev"))

        let first = try store.prepare()
        #expect(first == .init(createdRoot: true, issuedLeaf: true))
        #expect(try TemporaryDirectory.mode(store.directory) == 0o700)
        #expect(try TemporaryDirectory.mode(store.rootKeyFile) == 0o600)
        #expect(try TemporaryDirectory.mode(store.leafKeyFile) == 0o600)
        let root = try String(contentsOfFile: store.rootFile, encoding: .utf8)
        let leaf = try String(contentsOfFile: store.leafFile, encoding: .utf8)

        let second = try store.prepare()
        #expect(second == .init(createdRoot: false, issuedLeaf: false))
        #expect(try String(contentsOfFile: store.rootFile, encoding: .utf8) == root)
        #expect(try String(contentsOfFile: store.leafFile, encoding: .utf8) == leaf)

        // The leaf covers localhost, 127.0.0.1 and ::1 and chains to the root for serverAuth.
        let leafCertificate = try Self.certificate(store.leafFile)
        let names = Array(try #require(try leafCertificate.extensions.subjectAlternativeNames))
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))))
        let verifier = DefaultCertificateVerifier(trustRoots: try TrustRoots.pemFile(path: store.rootFile))
        for name in ["localhost", "127.0.0.1", "::1"] {
            let result = await verifier.verify(.init(chain: [try leafCertificate.testDER()], serverName: name, purpose: .serverAuth))
            guard case .trusted = result else { Issue.record("\(name): \(result)"); continue }
        }
        // And loads as a server identity.
        let identity = try TLSCertificateIdentity(certificatePEMFile: store.leafFile, privateKeyPEMFile: store.leafKeyFile)
        #expect(identity.dnsNames == ["localhost"])
    }

    @Test func reissuesAnExpiringLeafButKeepsTheRoot() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let store = DevelopmentCertificateStore(directory: home.path + "/dev")
        try store.prepare()
        let root = try String(contentsOfFile: store.rootFile, encoding: .utf8)
        let oldLeaf = try Self.certificate(store.leafFile)

        let later = Date().addingTimeInterval(100 * 86400)
        #expect(try store.prepare(now: later) == .init(createdRoot: false, issuedLeaf: true))
        #expect(try String(contentsOfFile: store.rootFile, encoding: .utf8) == root)
        let newLeaf = try Self.certificate(store.leafFile)
        #expect(newLeaf.serialNumber != oldLeaf.serialNumber)
        #expect(newLeaf.notValidAfter > later)
    }

    @Test func replacesMissingOrForeignFiles() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let store = DevelopmentCertificateStore(directory: home.path + "/dev")
        try store.prepare()
        try FileManager.default.removeItem(atPath: store.leafKeyFile)
        #expect(try store.prepare() == .init(createdRoot: false, issuedLeaf: true))

        // A new root invalidates the old leaf: it is reissued under the new root.
        try FileManager.default.removeItem(atPath: store.rootKeyFile)
        #expect(try store.prepare() == .init(createdRoot: true, issuedLeaf: true))
        let root = try Self.certificate(store.rootFile)
        let leaf = try Self.certificate(store.leafFile)
        #expect(root.publicKey.isValidSignature(leaf.signature, for: leaf))
    }

    @Test func instructionsNameTheRoot() {
        let store = DevelopmentCertificateStore(directory: "/home/ada/.tlskit/dev")
        let text = store.trustInstructions(port: 8443)
        #expect(text.contains("curl --cacert /home/ada/.tlskit/dev/root.pem https://localhost:8443/"))
        #expect(text.contains("tlskit client localhost:8443 --cafile /home/ada/.tlskit/dev/root.pem"))
        #expect(text.contains("/usr/local/share/ca-certificates/"))
        #expect(text.contains("update-ca-certificates"))
    }
}
