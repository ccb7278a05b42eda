import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// Loads certificates and private keys from PEM or DER, as files or in memory.
///
/// Certificates: PEM "CERTIFICATE" blocks (a bundle may hold many) or one DER certificate.
/// Private keys: PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") and SEC1 ("EC PRIVATE KEY"),
/// in PEM or DER. Errors are `TLSError`s with code `.configuration` that name the file.
public enum PEMCertificateLoader {
    /// Files larger than this are refused (a CA bundle is a few hundred KiB).
    public static let maximumFileSize = 16 * 1024 * 1024

    /// Every certificate in a PEM file, in file order; a DER file holds one certificate.
    public static func certificates(fromPEMFile path: String) throws -> [Certificate] {
        let bytes = try readFile(path)
        do {
            return try certificates(fromBytes: bytes)
        } catch let error as TLSError {
            throw TLSError(code: error.code, reason: "\(path): \(error.reason)", alert: error.alert)
        }
    }

    /// Every "CERTIFICATE" block in a PEM string, in order. Other blocks (keys, parameters) are skipped.
    public static func certificates(fromPEM pem: String) throws -> [Certificate] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem)
        } catch {
            throw TLSError(
                code: .configuration, reason: "malformed PEM (a BEGIN line without its END line, or bad base64); export the certificates again")
        }
        var certificates: [Certificate] = []
        for (index, document) in documents.enumerated() where document.discriminator == "CERTIFICATE" {
            do {
                certificates.append(try Certificate(derEncoded: document.derBytes))
            } catch {
                throw TLSError(
                    code: .configuration,
                    reason: "PEM block \(index + 1) is not a valid X.509 certificate; export the certificate again")
            }
        }
        guard !certificates.isEmpty else {
            throw TLSError(
                code: .configuration,
                reason: "no '-----BEGIN CERTIFICATE-----' block; give a PEM file with the certificate chain")
        }
        return certificates
    }

    /// One DER-encoded certificate.
    public static func certificate(fromDER der: [UInt8]) throws -> Certificate {
        do {
            return try Certificate(derEncoded: der)
        } catch {
            throw TLSError(
                code: .configuration,
                reason: "neither a PEM certificate (no '-----BEGIN CERTIFICATE-----' line) nor a DER one; give a PEM file with the certificate chain")
        }
    }

    /// The certificates in PEM or DER bytes (PEM when the bytes contain "-----BEGIN ").
    public static func certificates(fromBytes bytes: [UInt8]) throws -> [Certificate] {
        if let pem = pemText(bytes) {
            return try certificates(fromPEM: pem)
        }
        return [try certificate(fromDER: bytes)]
    }

    /// The private key in a PEM or DER file (PKCS#8, PKCS#1 RSA or SEC1 EC).
    public static func privateKey(fromFile path: String) throws -> Certificate.PrivateKey {
        let bytes = try readFile(path)
        do {
            if let pem = pemText(bytes) {
                return try privateKey(fromPEM: pem)
            }
            return try privateKey(fromDER: bytes)
        } catch let error as TLSError {
            throw TLSError(code: error.code, reason: "\(path): \(error.reason)", alert: error.alert)
        }
    }

    /// The first private key block in a PEM string.
    public static func privateKey(fromPEM pem: String) throws -> Certificate.PrivateKey {
        let document = try privateKeyDocument(fromPEM: pem)
        do {
            return try Certificate.PrivateKey(pemDocument: document)
        } catch {
            throw TLSError(
                code: .configuration,
                reason: "the \(document.discriminator) block is not a valid key (supported: RSA, P-256, P-384, Ed25519); export the key again")
        }
    }

    /// The first private key block of a PEM text that may also hold other blocks (such as the
    /// "EC PARAMETERS" that `openssl ecparam -genkey` writes first).
    static func privateKeyDocument(fromPEM pem: String) throws -> PEMDocument {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem)
        } catch {
            throw TLSError(
                code: .configuration, reason: "malformed PEM (a BEGIN line without its END line, or bad base64); export the key again")
        }
        guard let document = documents.first(where: { $0.discriminator.hasSuffix("PRIVATE KEY") }) else {
            throw TLSError(
                code: .configuration,
                reason: "no '-----BEGIN PRIVATE KEY-----' block; give the PEM private key of the certificate (is this the certificate file?)")
        }
        return document
    }

    /// A DER private key: PKCS#8, then PKCS#1 RSA, then SEC1 (P-256, P-384).
    public static func privateKey(fromDER der: [UInt8]) throws -> Certificate.PrivateKey {
        if let key = try? Certificate.PrivateKey(derBytes: der) {
            return key
        }
        if let key = try? _RSA.Signing.PrivateKey(derRepresentation: der) {
            return Certificate.PrivateKey(key)
        }
        if let key = try? P256.Signing.PrivateKey(derRepresentation: der) {
            return Certificate.PrivateKey(key)
        }
        if let key = try? P384.Signing.PrivateKey(derRepresentation: der) {
            return Certificate.PrivateKey(key)
        }
        throw TLSError(
            code: .configuration,
            reason: "neither a PEM private key (no '-----BEGIN PRIVATE KEY-----' line) nor a DER PKCS#8, PKCS#1 or SEC1 key; give the PEM private key of the certificate")
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > maximumFileSize {
            throw TLSError(
                code: .configuration, reason: "\(path) is too large (\(size) bytes) for a certificate or key file; check the path")
        }
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw TLSError(code: .configuration, reason: "cannot read \(path): \(Self.describeReadError(path))")
        }
    }

    /// Why `path` cannot be read, in the words of `ls`.
    private static func describeReadError(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return FileManager.default.isReadableFile(atPath: path) ? "read error" : "permission denied"
    }

    private static func pemText(_ bytes: [UInt8]) -> String? {
        let marker = Array("-----BEGIN ".utf8)
        guard bytes.count >= marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<(start + marker.count)].elementsEqual(marker) {
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return nil
    }
}
