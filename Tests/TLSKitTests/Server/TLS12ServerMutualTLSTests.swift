import Crypto
import NIOCore
import Testing
@testable import TLSKit

/// Mutual TLS under TLS 1.2 (RFC 5246, Sections 7.4.4, 7.4.6 and 7.4.8) with the scripted
/// client: CertificateRequest, the client's Certificate, the verification pause and a
/// CertificateVerify over the raw handshake messages.
@Suite struct TLS12ServerMutualTLSTests {
    enum Proof { case good, badSignature }

    private func configuration(_ authentication: (ServerTestPKI) -> ClientAuthentication) throws -> TLSServerConfiguration {
        let pki = try ServerTestPKI.get()
        var configuration = try pki.serverConfiguration()
        configuration.clientAuthentication = authentication(pki)
        return configuration
    }

    /// Sends the client's Certificate and answers the server's verification request.
    private func sendCertificate(
        _ chain: [[UInt8]], client: inout TLS12ScriptedClient, harness: inout ServerHandshakeHarness,
        verifier: DefaultCertificateVerifier
    ) async throws -> [CertificateVerificationRequest] {
        let raw = HandshakeMessage.tls12Certificate(TLS12CertificateMessage(certificateList: chain)).encoded
        harness.receiveRecord(.handshake, raw)
        client.transcript.append(raw)
        var requests: [CertificateVerificationRequest] = []
        while let action = try harness.connection.nextAction() {
            if case .verifyPeer(let request) = action {
                requests.append(request)
                harness.connection.completeVerification(await verifier.verify(request))
            }
        }
        return requests
    }

    @Test(arguments: [Proof.good, .badSignature])
    func clientCertificateAndCertificateVerify(_ proof: Proof) async throws {
        let pki = try ServerTestPKI.get()
        var harness = try ServerHandshakeHarness(configuration: configuration { .required($0.verifier) })
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        #expect(client.serverMessages.map(\.type) == [.serverHello, .certificate, .serverKeyExchange, .certificateRequest, .serverHelloDone])
        guard case .tls12CertificateRequest(let request)? = client.serverMessages.dropLast().last else {
            Issue.record("no TLS 1.2 CertificateRequest")
            return
        }
        #expect(request.certificateTypes == [TLS12CertificateRequest.rsaSign, TLS12CertificateRequest.ecdsaSign])
        // Everything the client signs: ClientHello through its Certificate and ClientKeyExchange.
        var signed = client.helloRaw
        for message in client.serverMessages { signed.writeImmutableBuffer(message.encoded) }

        let identity = try pki.identity(pki.client)
        let certificateRaw = HandshakeMessage.tls12Certificate(TLS12CertificateMessage(certificateList: identity.chain)).encoded
        let requests = try await sendCertificate(identity.chain, client: &client, harness: &harness, verifier: pki.verifier)
        #expect(requests.count == 1)
        #expect(requests.first?.purpose == .clientAuth)
        signed.writeImmutableBuffer(certificateRaw)

        let (keyExchange, secret) = try client.ecdheKeyExchange()
        let keyExchangeRaw = HandshakeMessage.clientKeyExchange(keyExchange).encoded
        harness.receiveRecord(.handshake, keyExchangeRaw)
        client.transcript.append(keyExchangeRaw)
        signed.writeImmutableBuffer(keyExchangeRaw)
        let parameters = try #require(client.parameters)
        client.useKeys(TLS12SessionKeys(
            parameters: parameters, preMasterSecret: secret, extendedMasterSecret: true,
            sessionHash: client.transcript.currentHash(), clientRandom: client.hello.random, serverRandom: client.serverRandom))

        let scheme = try TLS12SignatureSelection.select(
            key: identity.privateKey, peerSchemes: request.supportedSignatureAlgorithms)
        var verify = try TLS12CertificateVerify.sign(handshakeMessages: signed, key: identity.privateKey, scheme: scheme)
        if proof == .badSignature { verify.signature[verify.signature.count / 2] ^= 0x01 }
        let verifyRaw = HandshakeMessage.certificateVerify(verify).encoded
        harness.receiveRecord(.handshake, verifyRaw)
        client.transcript.append(verifyRaw)
        if proof == .badSignature {
            try harness.expectFailure(.decryptError)
            return
        }
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        var finished = try client.finishedRecord()
        harness.connection.receive(&finished)
        var summary: HandshakeSummary?
        while let action = try harness.connection.nextAction() {
            if case .handshakeCompleted(let completed) = action { summary = completed }
        }
        let completed = try #require(summary)
        #expect(completed.peerCertificates == identity.chain)
        #expect(completed.signatureScheme == scheme)
        guard case .trusted = completed.verification else {
            Issue.record("not verified: \(String(describing: completed.verification))")
            return
        }
    }

    @Test func requiredAndEmptyCertificateIsHandshakeFailure() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration { .required($0.verifier) })
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        harness.receiveRecord(.handshake, HandshakeMessage.tls12Certificate(TLS12CertificateMessage(certificateList: [])).encoded)
        let error = try harness.expectFailure(.handshakeFailure)
        #expect(error.code == .certificateRequired)
        #expect(error.reason.contains("requires one"))
    }

    @Test func untrustedClientCertificateIsRejected() async throws {
        let pki = try ServerTestPKI.get()
        var harness = try ServerHandshakeHarness(configuration: configuration { .optional($0.verifier) })
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        let stranger = try pki.identity(pki.untrustedClient, of: pki.otherPKI)
        harness.receiveRecord(
            .handshake, HandshakeMessage.tls12Certificate(TLS12CertificateMessage(certificateList: stranger.chain)).encoded)
        guard case .verifyPeer(let request)? = try harness.connection.nextAction() else {
            Issue.record("no verification request")
            return
        }
        harness.connection.completeVerification(await pki.verifier.verify(request))
        try harness.expectFailure(.unknownCA)
    }

    @Test func clientKeyExchangeInsteadOfCertificateIsUnexpectedMessage() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration { .optional($0.verifier) })
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        let (keyExchange, _) = try client.ecdheKeyExchange()
        harness.receiveRecord(.handshake, HandshakeMessage.clientKeyExchange(keyExchange).encoded)
        try harness.expectFailure(.unexpectedMessage)
    }
}
