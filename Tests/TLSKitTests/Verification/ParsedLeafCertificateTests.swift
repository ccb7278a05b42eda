import Foundation
import Testing

@testable import TLSKit

/// The leaf the handshake parsed rides along in the verification request, so the default
/// verifier does not parse it again; it counts only while it is the request's leaf.
@Suite struct ParsedLeafCertificateTests {
    @Test func theHandshakesRequestCarriesTheParsedLeafAndStillVerifies() async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await pipe.handshake()
        let request = try #require(pipe.client.verificationRequests.first)
        #expect(request.parsedLeaf.certificate(for: request.chain[0]) != nil)
        guard case .trusted = await pipe.client.verifier?.verify(request) else {
            Issue.record("the handshake's own request was not trusted")
            return
        }
    }

    @Test func aReplacedLeafIsParsedAfreshNotTakenFromTheCache() async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await pipe.handshake()
        var request = try #require(pipe.client.verificationRequests.first)
        // A verifier that rewrites the chain before delegating must be judged on the new one.
        request.chain[0] = [0x30, 0x03, 0x02, 0x01, 0x00]
        let verifier = try #require(pipe.client.verifier)
        guard case .rejected(let error) = await verifier.verify(request) else {
            Issue.record("a chain with a malformed leaf was trusted")
            return
        }
        #expect(error.alert == .badCertificate, "\(error)")
    }

    @Test func theCacheTakesNoPartInEquality() async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await pipe.handshake()
        let request = try #require(pipe.client.verificationRequests.first)
        let plain = CertificateVerificationRequest(chain: request.chain, serverName: request.serverName, purpose: request.purpose)
        #expect(plain.parsedLeaf.certificate(for: request.chain[0]) == nil)
        #expect(plain == request)
        #expect(plain.hashValue == request.hashValue)
    }
}
