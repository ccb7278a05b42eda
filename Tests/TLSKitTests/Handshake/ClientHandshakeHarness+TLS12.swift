import NIOCore
import Testing
@testable import TLSKit

extension ClientHandshakeHarness {
    /// The extensions a well-behaved TLS 1.2 server answers the default ClientHello with.
    static let tls12ServerHelloExtensions: [TLSExtension] = [.renegotiationInfo([]), .extendedMasterSecret, .ecPointFormats([0])]

    /// A TLS 1.2 ServerHello (no supported_versions) for the last ClientHello.
    func tls12ServerHello(
        cipherSuite: CipherSuite = .tlsECDHEECDSAWithAES128GCMSHA256,
        legacyVersion: ProtocolVersion = .tls12,
        random: [UInt8] = Array(repeating: 7, count: 32),
        sessionID: [UInt8] = Array(repeating: 9, count: 32),
        compression: UInt8 = 0,
        extensions: [TLSExtension] = Self.tls12ServerHelloExtensions
    ) -> ServerHello {
        ServerHello(
            legacyVersion: legacyVersion, random: random, legacySessionIDEcho: sessionID, cipherSuite: cipherSuite,
            legacyCompressionMethod: compression, extensions: extensions)
    }

    /// Whether the client has neither failed nor sent an alert since its ClientHello.
    mutating func isStillHandshaking() throws -> Bool {
        let before = sentRecords.count
        try drain()
        return !sentRecords[before...].contains { $0.0 == .alert }
    }
}
