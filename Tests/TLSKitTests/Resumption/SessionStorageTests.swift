import Crypto
import Foundation
import Testing
@testable import TLSKit

/// The session stores, caches, ticket keys and replay guard on their own.
@Suite struct SessionStorageTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func session(ticket: [UInt8], receivedAt: Date = start, lifetime: UInt32 = 3600) -> ClientSession {
        ClientSession(
            cipherSuite: .tlsAES128GCMSHA256, serverName: "a.example", applicationProtocol: nil, ticket: ticket,
            receivedAt: receivedAt, lifetime: lifetime, peerCertificates: [],
            secret: .tls13(resumptionPSK: SymmetricKey(size: .bits256), ticketAgeAdd: 7, maxEarlyDataSize: 0))
    }

    @Test func clientCacheHandsOutEachTicketOnceNewestFirst() {
        let cache = InMemoryClientSessionCache()
        let key = ClientSessionKey(serverName: "a.example", applicationProtocols: [])
        cache.store(Self.session(ticket: [1]), for: key)
        cache.store(Self.session(ticket: [2]), for: key)
        #expect(cache.take(for: key, now: Self.start)?.ticket == [2])
        #expect(cache.take(for: key, now: Self.start)?.ticket == [1])
        #expect(cache.take(for: key, now: Self.start) == nil)
    }

    @Test func clientCacheDropsExpiredTickets() {
        let cache = InMemoryClientSessionCache()
        let key = ClientSessionKey(serverName: "a.example", applicationProtocols: [])
        cache.store(Self.session(ticket: [1], lifetime: 10), for: key)
        #expect(cache.take(for: key, now: Self.start.addingTimeInterval(10)) == nil)
        #expect(cache.count == 0)
    }

    @Test func clientCacheIsBounded() {
        let cache = InMemoryClientSessionCache(capacity: 2, ticketsPerServer: 2)
        let keys = (0..<3).map { ClientSessionKey(serverName: "\($0).example", applicationProtocols: []) }
        for ticket in 0..<3 { cache.store(Self.session(ticket: [UInt8(ticket)]), for: keys[0]) }
        #expect(cache.count == 2, "at most ticketsPerServer per key")
        cache.store(Self.session(ticket: [9]), for: keys[1])
        _ = cache.take(for: keys[0], now: Self.start)  // keys[0] is now the most recently used
        cache.store(Self.session(ticket: [8]), for: keys[2])
        #expect(cache.take(for: keys[1], now: Self.start) == nil, "the least recently used key is dropped")
        #expect(cache.take(for: keys[0], now: Self.start)?.ticket == [1])
        #expect(cache.take(for: keys[2], now: Self.start)?.ticket == [8])
    }

    @Test func serverStoreIsSingleUseAndBounded() {
        let store = InMemoryServerSessionStore(capacity: 2)
        let later = Self.start.addingTimeInterval(60)
        store.store(id: [1], session: [0xA], expiresAt: later)
        store.store(id: [2], session: [0xB], expiresAt: later)
        store.store(id: [3], session: [0xC], expiresAt: later)
        #expect(store.count == 2)
        #expect(store.take(id: [1], now: Self.start) == nil, "the oldest entry was dropped")
        #expect(store.take(id: [2], now: Self.start) == [0xB])
        #expect(store.take(id: [2], now: Self.start) == nil, "taken once")
        #expect(store.take(id: [3], now: later) == nil, "expired")
        for id in 0..<1000 {
            store.store(id: [UInt8(id % 256), UInt8(id / 256)], session: [1], expiresAt: later)
            _ = store.take(id: [UInt8(id % 256), UInt8(id / 256)], now: Self.start)
        }
        #expect(store.count == 0)
    }

    @Test func replayGuardAdmitsOnceWithinTheWindow() {
        let replayGuard = InMemoryEarlyDataReplayGuard(capacity: 2)
        let until = Self.start.addingTimeInterval(20)
        #expect(replayGuard.admit([1], rememberUntil: until, now: Self.start))
        #expect(!replayGuard.admit([1], rememberUntil: until, now: Self.start.addingTimeInterval(5)))
        #expect(replayGuard.admit([2], rememberUntil: until, now: Self.start))
        #expect(!replayGuard.admit([3], rememberUntil: until, now: Self.start), "full: refuse rather than forget")
        let after = Self.start.addingTimeInterval(21)
        #expect(replayGuard.admit([1], rememberUntil: after.addingTimeInterval(20), now: after), "forgotten after the window")
    }

    @Test func rotatingProviderKeepsOnePreviousKey() throws {
        let provider = RotatingTicketKeyProvider(rotationInterval: 100)
        let first = try #require(provider.currentKey(now: Self.start))
        #expect(provider.currentKey(now: Self.start.addingTimeInterval(99))?.id == first.id)
        let second = try #require(provider.currentKey(now: Self.start.addingTimeInterval(100)))
        #expect(second.id != first.id)
        #expect(provider.key(id: first.id, now: Self.start.addingTimeInterval(150)) != nil)
        #expect(provider.key(id: first.id, now: Self.start.addingTimeInterval(250)) == nil)
        #expect(provider.key(id: [0xFF], now: Self.start.addingTimeInterval(250)) == nil)
    }

    @Test func sealedTicketsOpenOnlyUnaltered() throws {
        let key = TicketKey.random()
        let state = ServerSessionState(
            cipherSuite: .tlsAES256GCMSHA384, issuedAt: Self.start, lifetime: 3600, applicationProtocol: "h2",
            serverName: "a.example", peerCertificates: [[1, 2, 3]],
            secret: .tls13(resumptionPSK: SymmetricKey(size: .init(bitCount: 384)), ticketAgeAdd: 42, maxEarlyDataSize: 1024))
        let ticket = try #require(SessionTicketSealer.seal(state.encoded(), key: key))
        let opened = try #require(SessionTicketSealer.open(ticket, key: key).flatMap(ServerSessionState.decode))
        #expect(opened.cipherSuite == .tlsAES256GCMSHA384)
        #expect(opened.applicationProtocol == "h2" && opened.serverName == "a.example")
        #expect(opened.peerCertificates == [[1, 2, 3]])
        #expect(opened.issuedAt == Self.start && opened.version == .tls13)
        guard case .tls13(let psk, let ticketAgeAdd, let maxEarlyDataSize) = opened.secret else { return }
        #expect(psk.bitCount == 384 && ticketAgeAdd == 42 && maxEarlyDataSize == 1024)
        for index in [0, 1, 5, ticket.count / 2, ticket.count - 1] {
            var altered = ticket
            altered[index] ^= 0x80
            #expect(SessionTicketSealer.open(altered, key: key) == nil, "byte \(index)")
        }
        #expect(SessionTicketSealer.open(ticket, key: TicketKey(id: key.id, secret: SymmetricKey(size: .bits256))) == nil)
        #expect(SessionTicketSealer.open(Array(ticket.prefix(20)), key: key) == nil)
        #expect(ServerSessionState.decode([1, 2, 3]) == nil)
        #expect(SessionTicketSealer.seal([1], key: TicketKey(id: [], secret: SymmetricKey(size: .bits256))) == nil)
    }

    @Test func sessionsOfAVersionThatCannotResumeAreRefused() throws {
        var bytes = Self.session(ticket: [1]).serialized()
        let versionOffset = ClientSession.magic.count + 1
        #expect(Array(bytes[versionOffset..<(versionOffset + 2)]) == [0x03, 0x04])
        bytes[versionOffset + 1] = 0x02
        do {
            _ = try ClientSession(serialized: bytes)
            Issue.record("a TLS 1.1 session was read")
        } catch let error as TLSError {
            #expect(error.code == .configuration && error.reason.contains("TLSv1.1"), "\(error)")
        }

        let state = ServerSessionState(
            cipherSuite: .tlsAES128GCMSHA256, issuedAt: Self.start, lifetime: 3600, applicationProtocol: nil,
            serverName: nil, peerCertificates: [],
            secret: .tls13(resumptionPSK: SymmetricKey(size: .bits256), ticketAgeAdd: 1, maxEarlyDataSize: 0))
        var encoded = state.encoded()
        #expect(ServerSessionState.decode(encoded) != nil)
        encoded[2] = 0x02
        #expect(ServerSessionState.decode(encoded) == nil)
    }

    /// A TLS 1.2 session (master secret, EMS flag, session ID, no ticket) survives both
    /// encodings; a master secret of the wrong length does not parse.
    @Test func tls12SessionsRoundTrip() throws {
        let masterSecret = (0..<48).map { UInt8($0) }
        let session = ClientSession(
            cipherSuite: .tlsECDHEECDSAWithAES128GCMSHA256, serverName: "localhost", applicationProtocol: nil, ticket: [],
            receivedAt: Self.start, lifetime: 7200, peerCertificates: [[1, 2, 3]],
            secret: .tls12(masterSecret: SymmetricKey(data: masterSecret), extendedMasterSecret: true, sessionID: [9, 9, 9]))
        let read = try ClientSession(serialized: session.serialized())
        #expect(read.version == .tls12 && read.ticket.isEmpty && read.cipherSuite == .tlsECDHEECDSAWithAES128GCMSHA256)
        guard case .tls12(let secret, let extended, let sessionID) = read.secret else {
            Issue.record("the session came back as \(read.secret.version)")
            return
        }
        #expect(secret.withUnsafeBytes { Array($0) } == masterSecret && extended && sessionID == [9, 9, 9])

        let state = ServerSessionState(
            cipherSuite: .tlsRSAWithAES128GCMSHA256, issuedAt: Self.start, lifetime: 3600, applicationProtocol: "h2",
            serverName: "localhost", peerCertificates: [],
            secret: .tls12(masterSecret: SymmetricKey(data: masterSecret), extendedMasterSecret: false, sessionID: []))
        let decoded = try #require(ServerSessionState.decode(state.encoded()))
        guard case .tls12(let serverSecret, let serverExtended, _) = decoded.secret else {
            Issue.record("the state came back as \(decoded.secret.version)")
            return
        }
        #expect(serverSecret.withUnsafeBytes { Array($0) } == masterSecret && !serverExtended)
        #expect(decoded.applicationProtocol == "h2" && decoded.serverName == "localhost")
        var truncated = state.encoded()
        truncated.removeLast()
        #expect(ServerSessionState.decode(truncated) == nil)
    }
}
