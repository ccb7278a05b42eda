import Foundation
import TLSKit

/// A generated PKI written into a temporary directory for real peers to use:
/// `root.pem`, `intermediate.pem`, `untrusted-root.pem`, and per leaf kind
/// `<kind>-cert.pem`, `<kind>-chain.pem` and `<kind>-key.pem`. The directory is removed when
/// the fixture is released. Nothing is checked in; dates are relative to now.
final class TestPKIFixture {
    let directory: URL
    /// The PKI clients trust (root "Test Root", intermediate "Test Intermediate").
    let pki: DevelopmentPKI
    /// A second PKI nobody trusts ("Untrusted Root", "Untrusted Intermediate").
    let untrustedPKI: DevelopmentPKI
    let rootPath: String
    let intermediatePath: String
    let untrustedRootPath: String
    private(set) var leaves: [FixtureLeafKind: FixtureLeaf] = [:]

    init(kinds: [FixtureLeafKind] = FixtureLeafKind.all) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        pki = try DevelopmentPKI.generate(rootName: "Test Root", intermediateName: "Test Intermediate")
        untrustedPKI = try DevelopmentPKI.generate(rootName: "Untrusted Root", intermediateName: "Untrusted Intermediate")
        rootPath = directory.appendingPathComponent("root.pem").path
        intermediatePath = directory.appendingPathComponent("intermediate.pem").path
        untrustedRootPath = directory.appendingPathComponent("untrusted-root.pem").path
        try write(try pki.root.certificatePEM(), to: rootPath)
        try write(try pki.intermediate.certificatePEM(), to: intermediatePath)
        try write(try untrustedPKI.root.certificatePEM(), to: untrustedRootPath)
        for kind in kinds {
            leaves[kind] = try makeLeaf(kind)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The files for `kind`; made on demand if the fixture was created without it.
    func leaf(_ kind: FixtureLeafKind) throws -> FixtureLeaf {
        if let leaf = leaves[kind] {
            return leaf
        }
        let leaf = try makeLeaf(kind)
        leaves[kind] = leaf
        return leaf
    }

    private func makeLeaf(_ kind: FixtureLeafKind) throws -> FixtureLeaf {
        let day: TimeInterval = 86400
        let now = Date()
        let issuerPKI = kind == .untrustedRoot || kind == .untrustedClient ? untrustedPKI : pki
        let identity: DevelopmentIdentity
        switch kind {
        case .good(let keyType):
            identity = try pki.issueLeaf(keyType: keyType)
        case .missingIntermediate:
            identity = try leaves[.good(.p256)]?.identity ?? pki.issueLeaf()
        case .expired:
            identity = try pki.issueLeaf(notBefore: now - 30 * day, notAfter: now - day)
        case .notYetValid:
            identity = try pki.issueLeaf(notBefore: now + day, notAfter: now + 30 * day)
        case .wrongHost:
            identity = try pki.issueLeaf(dnsNames: ["other.example"], ipAddresses: [])
        case .untrustedRoot:
            identity = try untrustedPKI.issueLeaf()
        case .noServerAuth:
            identity = try pki.issueLeaf(extendedKeyUsage: [.clientAuth])
        case .client:
            identity = try pki.issueLeaf(
                commonName: "TLSKit Interop Client", dnsNames: [], ipAddresses: [], extendedKeyUsage: [.clientAuth])
        case .untrustedClient:
            identity = try untrustedPKI.issueLeaf(
                commonName: "Untrusted Client", dnsNames: [], ipAddresses: [], extendedKeyUsage: [.clientAuth])
        case .named(let name):
            identity = try pki.issueLeaf(dnsNames: [name], ipAddresses: [])
        }
        let base = directory.appendingPathComponent(kind.description).path
        let certificatePath = base + "-cert.pem"
        let chainPath = base + "-chain.pem"
        let keyPath = base + "-key.pem"
        try write(try identity.certificatePEM(), to: certificatePath)
        try write(identity.privateKeyPEM, to: keyPath)
        var intermediatePath: String?
        var chainDER = [try identity.certificateDER()]
        if kind == .missingIntermediate {
            try write(try identity.certificatePEM(), to: chainPath)
        } else {
            try write(try issuerPKI.chainPEM(for: identity), to: chainPath)
            chainDER.append(try issuerPKI.intermediate.certificateDER())
            let path = base + "-intermediate.pem"
            try write(try issuerPKI.intermediate.certificatePEM(), to: path)
            intermediatePath = path
        }
        return FixtureLeaf(
            kind: kind,
            identity: identity,
            certificatePath: certificatePath,
            chainPath: chainPath,
            intermediatePath: intermediatePath,
            keyPath: keyPath,
            chainDER: chainDER
        )
    }

    private func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
