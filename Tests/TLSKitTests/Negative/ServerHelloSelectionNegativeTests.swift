import NIOCore
import Testing
@testable import TLSKit

/// A ServerHello that selects what the client did not offer. Covered elsewhere, each with a
/// scripted server: an unoffered suite, version or group share in TLS 1.3
/// (ClientHandshakeTests.cipherSuiteNotOfferedIsIllegalParameter,
/// .versionNotOfferedIsIllegalParameter, .keyShareForGroupWithoutClientShareIsIllegalParameter,
/// .serverHelloAfterRetryMustKeepTheCipherSuite), an unoffered or TLS 1.3-only suite in a TLS
/// 1.2 ServerHello (TLS12ClientServerHelloTests.suiteNotOfferedForTLS12IsIllegalParameter), an
/// unoffered group in a ServerKeyExchange
/// (TLS12ClientFullHandshakeTests.serverKeyExchangeOnAGroupNotOfferedIsIllegalParameter).
@Suite struct ServerHelloSelectionNegativeTests {
    /// RFC 8446, Section 4.2.8: after a HelloRetryRequest for a group, the ServerHello must
    /// select that group, else illegal_parameter. Here it answers the x25519 share of the first
    /// ClientHello, which the second one no longer carries.
    @Test func serverHelloAfterRetryWithAnotherGroupIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        let first = try #require(harness.clientHellos.first)
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .secp256r1)))
        try harness.drain()
        #expect(harness.clientHellos.count == 2)
        guard case .keyShareClient(let shares)? = first.extensions.first(.keyShare),
            let share = shares.first(where: { $0.group == .x25519 })
        else {
            Issue.record("the first ClientHello has no x25519 share")
            return
        }
        let response = try KeyExchangeResponder.respond(group: .x25519, clientShare: share.keyExchange)
        let answer = KeyShareEntry(group: .x25519, keyExchange: response.serverShare)
        harness.receive(.serverHello(try harness.serverHello(keyShare: answer)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }
}
