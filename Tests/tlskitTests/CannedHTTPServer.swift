import Foundation
import NIOCore
import NIOPosix
import TLSKit
import TLSKitNIO

/// A listener on 127.0.0.1 that answers every request (once its head has arrived) with fixed
/// bytes and closes, over plain TCP or TLS; or, with no response, never answers. For the
/// hygiene check's cases that `tlskit server` does not produce (HSTS over plain HTTP, 302,
/// chunked pages, odd HSTS headers, a silent server).
enum CannedHTTPServer {
    final class Responder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private let response: String?
        private var received: [UInt8] = []
        private var answered = false

        init(response: String?) {
            self.response = response
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            self.received += self.unwrapInboundIn(data).readableBytesView
            guard let response = self.response, !self.answered,
                String(decoding: self.received, as: UTF8.self).contains("\r\n\r\n")
            else { return }
            self.answered = true
            context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: response))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// Starts the listener; `tls` serves the certificate in `identity`. Close the returned channel to stop it.
    static func start(response: String?, tls identity: TLSCertificateIdentity? = nil) async throws -> any Channel {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Void> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(Responder(response: response))
            }
        }
        if let identity {
            return try await bootstrap.bindTLS(
                host: "127.0.0.1", port: 0, configuration: TLSServerConfiguration(identities: [identity]),
                childChannelInitializer: initializer
            ).get()
        }
        return try await bootstrap.childChannelInitializer(initializer).bind(host: "127.0.0.1", port: 0).get()
    }

    /// A certificate for localhost and 127.0.0.1 from a fresh development PKI.
    static func identity() throws -> TLSCertificateIdentity {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf()
        try directory.write("cert.pem", try pki.chainPEM(for: leaf))
        try directory.write("key.pem", leaf.privateKeyPEM)
        return try TLSCertificateIdentity(certificatePEMFile: directory.file("cert.pem"), privateKeyPEMFile: directory.file("key.pem"))
    }
}
