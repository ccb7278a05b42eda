import Foundation
import Testing
import TLSKit
import TLSKitNIO

/// `openssl s_server` presenting each bad fixture leaf: `TLSClient.connect` fails with the
/// `TLSError` code for that cause, a reason naming it, and the alert reaches the server.
@Suite struct CertificateRejectionInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    struct Rejection: Sendable, CustomStringConvertible {
        var kind: FixtureLeafKind
        var code: TLSError.Code
        var alert: AlertDescription
        /// Words the reason must contain.
        var reasonMentions: [String]
        var description: String { kind.description }
    }

    static let rejections: [Rejection] = [
        Rejection(kind: .expired, code: .certificateExpired, alert: .certificateExpired, reasonMentions: ["expired on"]),
        Rejection(kind: .notYetValid, code: .certificateNotYetValid, alert: .badCertificate, reasonMentions: ["not valid until"]),
        Rejection(
            kind: .wrongHost, code: .certificateHostMismatch, alert: .badCertificate,
            reasonMentions: ["other.example", "not for localhost"]),
        Rejection(
            kind: .untrustedRoot, code: .certificateUnknownIssuer, alert: .unknownCA,
            reasonMentions: ["Untrusted Intermediate", "not a trusted root"]),
        Rejection(
            kind: .missingIntermediate, code: .certificateUnknownIssuer, alert: .unknownCA,
            reasonMentions: ["Test Intermediate", "intermediate"]),
        Rejection(
            kind: .noServerAuth, code: .certificateBadUsage, alert: .unsupportedCertificate,
            reasonMentions: ["serverAuth"]),
    ]

    @Test(arguments: rejections)
    func rejected(_ rejection: Rejection) async throws {
        let leaf = try fixture.leaf(rejection.kind)
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www"])
        defer { server.stop() }

        let error = await #expect(throws: TLSError.self) {
            let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
            try await connection.close()
        }
        let tlsError = try #require(error)
        #expect(tlsError.code == rejection.code, "\(tlsError)")
        #expect(tlsError.alert == rejection.alert, "\(tlsError)")
        for word in rejection.reasonMentions {
            #expect(tlsError.reason.contains(word), "\(tlsError.reason)")
        }
        // OpenSSL logs the fatal alert it received as "SSL alert number N".
        let logged = try await server.waitForOutput(containing: "SSL alert number \(rejection.alert.rawValue)")
        #expect(logged, "\(server.transcript)")
    }
}
