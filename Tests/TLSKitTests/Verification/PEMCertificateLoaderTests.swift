import Foundation
import Testing

@testable import TLSKit

@Suite struct PEMCertificateLoaderTests {
    @Test func loadsBundlesAndSingleDER() throws {
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf()
        let pem = try pki.chainPEM(for: leaf)
        let certificates = try PEMCertificateLoader.certificates(fromPEM: "junk before\n" + pem + leaf.privateKeyPEM)
        #expect(certificates == [leaf.certificate, pki.intermediate.certificate])
        #expect(try PEMCertificateLoader.certificates(fromBytes: try leaf.certificateDER()) == [leaf.certificate])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-pem-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rootPath = directory.appendingPathComponent("root.pem").path
        try pki.root.certificatePEM().write(toFile: rootPath, atomically: true, encoding: .utf8)
        #expect(try TrustRoots.pemFile(path: rootPath) == .certificates([pki.root.certificate]))

        let derPath = directory.appendingPathComponent("root.der").path
        try Data(try pki.root.certificateDER()).write(to: URL(fileURLWithPath: derPath))
        #expect(try PEMCertificateLoader.certificates(fromPEMFile: derPath) == [pki.root.certificate])
    }

    @Test func failuresNameTheProblem() throws {
        let missing = #expect(throws: TLSError.self) { try TrustRoots.pemFile(path: "/nonexistent/root.pem") }
        #expect(missing?.code == .configuration)
        #expect(missing?.reason.contains("/nonexistent/root.pem") == true)
        let empty = #expect(throws: TLSError.self) { try PEMCertificateLoader.certificates(fromPEM: "no pem here") }
        #expect(empty?.reason.contains("CERTIFICATE") == true)
        #expect(throws: TLSError.self) { try PEMCertificateLoader.certificate(fromDER: [0x30, 0x00]) }
    }

    @Test(arguments: DevelopmentKeyType.allCases)
    func privateKeysRoundTripAsPKCS8(_ keyType: DevelopmentKeyType) throws {
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf(keyType: keyType)
        #expect(leaf.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let key = try PEMCertificateLoader.privateKey(fromPEM: leaf.privateKeyPEM)
        #expect(key.publicKey == leaf.certificate.publicKey)
    }
}
