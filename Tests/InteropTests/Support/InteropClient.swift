import NIOCore
import TLSKit
import TLSKitNIO

/// The TLSKit side of the interop tests: `TLSClient.connect` to 127.0.0.1 with SNI `localhost`,
/// verifying against the fixture's root only.
enum InteropClient {
    /// The most a test reads from a peer; more is a failure, never an unbounded buffer.
    static let readLimit = 4 * 1024 * 1024

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The default configuration, trusting only `fixture`'s root.
    static func configuration(trusting fixture: TestPKIFixture) -> TLSClientConfiguration {
        TLSClientConfiguration(
            certificateVerifier: DefaultCertificateVerifier(trustRoots: .certificates([fixture.pki.root.certificate]))
        )
    }

    /// Connects to 127.0.0.1:`port` and completes the handshake for `serverName`.
    static func connect(
        port: UInt16,
        configuration: TLSClientConfiguration,
        serverName: String = "localhost"
    ) async throws -> TLSClientConnection {
        try await TLSClient.connect(
            host: "127.0.0.1", port: Int(port), serverName: serverName, configuration: configuration,
            connectTimeout: InteropTimeouts.handshake, handshakeTimeout: InteropTimeouts.handshake
        )
    }

    /// Sends `request`, then reads until the server sends close_notify (or `isComplete` says the
    /// bytes so far are enough), and closes. Throws the `TLSError` with code `.closed` if the
    /// server drops TCP without close_notify.
    static func exchange(
        _ connection: TLSClientConnection,
        sending request: [UInt8],
        timeout: Duration = InteropTimeouts.peer,
        until isComplete: @escaping @Sendable ([UInt8]) -> Bool = { _ in false }
    ) async throws -> [UInt8] {
        try await Deadline.run("reading from the server", timeout: timeout) {
            try await connection.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: request))
                var received: [UInt8] = []
                for try await chunk in inbound {
                    received += chunk.readableBytesView
                    guard received.count <= readLimit else {
                        throw Failure(description: "the server sent more than \(readLimit) bytes")
                    }
                    if isComplete(received) {
                        break
                    }
                }
                return received
            }
        }
    }

    /// Splits an HTTP response at the blank line after its header.
    static func splitHTTPResponse(_ response: [UInt8]) throws -> (header: String, body: [UInt8]) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard response.count >= separator.count,
            let end = (0...(response.count - separator.count)).first(where: {
                response[$0..<($0 + separator.count)].elementsEqual(separator)
            })
        else {
            throw Failure(description: "no end of HTTP header in \(response.count) bytes")
        }
        return (String(decoding: response[..<end], as: UTF8.self), Array(response[(end + separator.count)...]))
    }
}
