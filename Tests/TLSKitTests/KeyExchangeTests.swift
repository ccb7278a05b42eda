import Testing

@testable import TLSKit

@Suite struct KeyExchangeTests {
    @Test(arguments: NamedGroup.supported)
    func clientAndResponderAgree(group: NamedGroup) throws {
        let client = try KeyExchangeKeyPair.generate(group: group)
        #expect(client.group == group)
        let expectedShareLength: Int =
            switch group {
            case .x25519MLKEM768: 1184 + 32
            case .x25519: 32
            case .secp256r1: 65
            default: 97
            }
        #expect(client.publicKeyShare.count == expectedShareLength)
        let response = try KeyExchangeResponder.respond(group: group, clientShare: client.publicKeyShare)
        let secret = try client.sharedSecret(peerShare: response.serverShare)
        #expect(secret == response.sharedSecret)
        switch group {
        case .x25519MLKEM768:
            #expect(response.serverShare.count == 1088 + 32)
            #expect(secret.count == 64)
        case .secp384r1: #expect(secret.count == 48)
        default: #expect(secret.count == 32)
        }
        // A second exchange gives a different secret.
        let other = try KeyExchangeResponder.respond(group: group, clientShare: client.publicKeyShare)
        #expect(try client.sharedSecret(peerShare: other.serverShare) != secret)
    }

    @Test(arguments: NamedGroup.supported)
    func malformedSharesAreIllegalParameter(group: NamedGroup) throws {
        let client = try KeyExchangeKeyPair.generate(group: group)
        let good = try KeyExchangeResponder.respond(group: group, clientShare: client.publicKeyShare).serverShare
        let bad: [[UInt8]] = [[], Array(good.dropLast()), good + [0], [UInt8](repeating: 0, count: good.count)]
        for share in bad {
            #expect(throws: PeerMisbehaved.self) { try client.sharedSecret(peerShare: share) }
        }
        #expect(throws: PeerMisbehaved.self) { try KeyExchangeResponder.respond(group: group, clientShare: Array(client.publicKeyShare.dropLast())) }
    }

    @Test func pointsMustBeUncompressed() throws {
        let client = try KeyExchangeKeyPair.generate(group: .secp256r1)
        var share = try KeyExchangeResponder.respond(group: .secp256r1, clientShare: client.publicKeyShare).serverShare
        share[0] = 0x02
        #expect(throws: PeerMisbehaved.self) { try client.sharedSecret(peerShare: share) }
    }

    @Test func x25519LowOrderPointGivesAllZeroSecret() throws {
        let client = try KeyExchangeKeyPair.generate(group: .x25519)
        // The point of order 1 (u = 1) and u = 0 give an all-zero shared secret (RFC 7748, Section 6.1).
        var one = [UInt8](repeating: 0, count: 32)
        one[0] = 1
        #expect(throws: PeerMisbehaved.self) { try client.sharedSecret(peerShare: one) }
        #expect(throws: PeerMisbehaved.self) { try client.sharedSecret(peerShare: [UInt8](repeating: 0, count: 32)) }
    }

    @Test func unsupportedGroupIsAConfigurationError() {
        do {
            _ = try KeyExchangeKeyPair.generate(group: .x448)
            Issue.record("x448 should not be supported")
        } catch let error as TLSError {
            #expect(error.code == .configuration)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
