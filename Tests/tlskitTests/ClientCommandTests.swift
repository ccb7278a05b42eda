#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import TLSKit
import Testing

@testable import tlskit

@Suite struct ClientCommandTests {
    @Test func buildsHTTPRequest() {
        #expect(
            ClientCommand.httpRequest(path: "/index.html", host: HostPort(host: "example.com", port: 443))
                == "GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: tlskit\r\nAccept: */*\r\nConnection: close\r\n\r\n")
        #expect(
            ClientCommand.httpRequest(path: "/", host: HostPort(host: "::1", port: 8443))
                .hasPrefix("GET / HTTP/1.1\r\nHost: [::1]:8443\r\n"))
    }

    @Test(arguments: ["index.html", "/a b", "/a\r\nX: y", "/é"])
    func rejectsUnsafeRequestTargets(path: String) {
        #expect(throws: ValidationError.self) { try ClientCommand.validateRequestTarget(path) }
    }

    @Test func optionsShapeTheConfiguration() throws {
        let command = try ClientCommand.parse([
            "example.com", "--groups", "P-256:X25519", "--ciphersuites", "TLS_AES_256_GCM_SHA384", "--http", "/",
        ])
        let configuration = try command.makeProtocolConfiguration(verifier: InsecureAcceptAnyCertificateVerifier())
        #expect(configuration.supportedGroups == [.secp256r1, .x25519])
        #expect(configuration.keyShareGroups == [.secp256r1])
        #expect(configuration.cipherSuites == [.tlsAES256GCMSHA384] + CipherSuite.tls12Suites)
        #expect(configuration.applicationProtocols == ["http/1.1"])
    }

    @Test func versionAndSuiteOptions() throws {
        func configuration(_ arguments: [String]) throws -> TLSClientConfiguration {
            try ClientCommand.parse(["example.com"] + arguments).makeProtocolConfiguration(verifier: InsecureAcceptAnyCertificateVerifier())
        }
        #expect(try configuration([]).versions == [.tls13, .tls12])
        #expect(try configuration(["--tls1_2"]).versions == [.tls12])
        #expect(try configuration(["--tls1_3"]).versions == [.tls13])
        let chosen = try configuration(["--tls1_2", "--cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384"])
        #expect(chosen.cipherSuites == CipherSuite.tls13Suites + [.tlsECDHERSAWithChaCha20Poly1305SHA256, .tlsECDHEECDSAWithAES256GCMSHA384])
        #expect(!(try configuration([])).cipherSuites.contains(.tlsRSAWithAES128GCMSHA256))
        #expect(try configuration(["--legacy"]).cipherSuites.suffix(2) == ArraySlice(CipherSuite.tls12RSAKeyExchangeSuites))
        #expect(try configuration(["--legacy", "--cipher", "AES128-GCM-SHA256"]).cipherSuites.last == .tlsRSAWithAES128GCMSHA256)
        do {
            _ = try ClientCommand.parse(["example.com", "--cipher", "AES128-GCM-SHA256"])
            Issue.record("RSA key exchange was accepted without --legacy")
        } catch {
            let message = ClientCommand.message(for: error)
            #expect(message.contains("forward secrecy") && message.contains("--legacy"), "\(message)")
        }
        #expect(throws: (any Error).self) { try ClientCommand.parse(["example.com", "--tls1_2", "--tls1_3"]) }
        #expect(throws: (any Error).self) { try ClientCommand.parse(["example.com", "--cipher", "RC4-SHA"]) }
        #expect(throws: (any Error).self) { try ClientCommand.parse(["example.com", "--ciphersuites", "ECDHE-RSA-AES128-GCM-SHA256"]) }
    }

    @Test func insecureAndCAFileExcludeEachOther() {
        #expect(throws: (any Error).self) {
            try ClientCommand.parse(["example.com", "--insecure", "--cafile", "root.pem"])
        }
    }

    @Test func describesRefusedConnections() {
        let target = HostPort(host: "127.0.0.1", port: 1)
        #expect(ErrorDescription.describe(errno: ECONNREFUSED, target: target) == "connection to 127.0.0.1:1 refused")
        #expect(
            ErrorDescription.describe(TLSError(code: .certificateExpired, reason: "expired"), target: target) == "expired")
    }
}

@Suite struct ClientCommandIdentityTests {
    @Test func clientCertificateAndKeyGoTogether() throws {
        #expect(throws: (any Error).self) { try ClientCommand.parse(["localhost", "--cert", "alice.pem"]) }
        #expect(throws: (any Error).self) { try ClientCommand.parse(["localhost", "--key", "alice-key.pem"]) }
        #expect(try ClientCommand.parse(["localhost"]).options.loadClientIdentity() == nil)
    }

    @Test func loadsTheClientIdentity() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try CertCACommand.parse(["--out", directory.path]).write()
        let files = try CertClientCommand.parse(["--ca", directory.path, "--out", directory.path, "--name", "alice"]).write()
        let command = try ClientCommand.parse(["localhost", "--cert", files.certificate, "--key", files.key])
        let identity = try #require(try command.options.loadClientIdentity())
        #expect(identity.chain.count == 1)
    }
}
