import NIOCore
import Testing

@testable import TLSKit

/// The TLS 1.2 extensions (RFC 7627, RFC 5746, RFC 8422, RFC 5077): where they may appear and
/// what malformed bodies are refused. Their round trips are in `TLSExtensionRoundTripTests`.
@Suite struct TLS12ExtensionTests {
    typealias Support = MessageCodecTestSupport

    static let types: [ExtensionType] = [.extendedMasterSecret, .renegotiationInfo, .ecPointFormats, .sessionTicket]

    @Test func allowedInTheHellosOnly() {
        for type in Self.types {
            #expect(TLSExtension.modeledTypes.contains(type))
            #expect(TLSExtension.isAllowed(type, in: .clientHello), "\(type)")
            #expect(TLSExtension.isAllowed(type, in: .serverHello), "\(type)")
            for context: ExtensionContext in [.helloRetryRequest, .encryptedExtensions, .certificate, .certificateRequest, .newSessionTicket] {
                #expect(!TLSExtension.isAllowed(type, in: context), "\(type) in \(context)")
            }
        }
    }

    @Test func outsideTheHellosIsIllegalParameter() {
        let bodies: [(ExtensionType, [UInt8])] = [
            (.extendedMasterSecret, []), (.renegotiationInfo, [0]), (.ecPointFormats, [1, 0]), (.sessionTicket, []),
        ]
        for (type, body) in bodies {
            for context: ExtensionContext in [.encryptedExtensions, .newSessionTicket, .helloRetryRequest] {
                let alert = Support.alert { _ = try Support.decodeExtensionBody(type, body, context: context) }
                #expect(alert == .illegalParameter, "\(type) in \(context)")
            }
        }
    }

    @Test func malformedBodiesAreDecodeErrors() {
        let bodies: [(String, ExtensionType, [UInt8])] = [
            ("extended_master_secret with a body", .extendedMasterSecret, [0]),
            ("renegotiation_info empty", .renegotiationInfo, []),
            ("renegotiation_info short", .renegotiationInfo, [2, 1]),
            ("renegotiation_info trailing", .renegotiationInfo, [0, 0]),
            ("ec_point_formats empty body", .ecPointFormats, []),
            ("ec_point_formats empty list", .ecPointFormats, [0]),
            ("ec_point_formats short", .ecPointFormats, [2, 0]),
            ("ec_point_formats trailing", .ecPointFormats, [1, 0, 0]),
        ]
        for (name, type, body) in bodies {
            for context: ExtensionContext in [.clientHello, .serverHello] {
                let alert = Support.alert { _ = try Support.decodeExtensionBody(type, body, context: context) }
                #expect(alert == .decodeError, "\(name) in \(context)")
            }
        }
    }

    @Test func sessionTicketKeepsAnyBytes() throws {
        let ticket = [UInt8](repeating: 0x5A, count: 1000)
        let decoded = try Support.decodeExtensionBody(.sessionTicket, ticket, context: .clientHello)
        #expect(decoded == .sessionTicket(ticket))
    }

    /// A TLS 1.2 ServerHello (no supported_versions) with the usual TLS 1.2 extensions decodes
    /// to the modeled cases and re-encodes byte for byte.
    @Test func tls12ServerHelloBlock() throws {
        let block = Support.block([
            (0xFF01, [0]), (11, [1, 0]), (23, []), (35, []), (16, [0, 3, 2] + Array("h2".utf8)),
        ])
        let extensions = try Support.decodeBlock(block, context: .serverHello)
        #expect(extensions == [
            .renegotiationInfo([]), .ecPointFormats([0]), .extendedMasterSecret, .sessionTicket([]),
            .applicationLayerProtocolNegotiation(["h2"]),
        ])
        var buffer = ByteBuffer()
        TLSExtension.encodeBlock(extensions, into: &buffer)
        #expect(Array(buffer.readableBytesView) == block)
    }

    /// A typical TLS 1.2-capable ClientHello block, and the same extension twice.
    @Test func clientHelloBlock() throws {
        let block = Support.block([(0, [0, 6, 0, 0, 3] + Array("a.b".utf8)), (11, [3, 0, 1, 2]), (23, []), (0xFF01, [0])])
        let extensions = try Support.decodeBlock(block, context: .clientHello)
        #expect(extensions.first(.ecPointFormats) == .ecPointFormats([0, 1, 2]))
        #expect(extensions.first(.extendedMasterSecret) == .extendedMasterSecret)
        let twice = Support.block([(23, []), (23, [])])
        #expect(throws: DecodeError.duplicateExtension(.extendedMasterSecret)) {
            _ = try Support.decodeBlock(twice, context: .clientHello)
        }
    }
}
