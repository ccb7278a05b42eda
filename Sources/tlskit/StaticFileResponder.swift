import Foundation
import NIOCore
import NIOFileSystem
import NIOHTTP1
import TLSKit

/// Decides and sends the answer to one request of the HTTPS file server: GET and HEAD of
/// files under the root (405 for other methods), directory listings, 404, and the status page.
/// Files are streamed in chunks with back-pressure: the next chunk is read only once the
/// previous one has been written to the socket, so a large file never sits in memory.
struct StaticFileResponder: Sendable {
    /// The answer, before it is written.
    enum Response: Sendable {
        /// A small generated body.
        case page(status: HTTPResponseStatus, contentType: String, body: String, headers: [(String, String)] = [])
        /// A file streamed from disk.
        case file(path: String, size: Int64, contentType: String)
    }

    var settings: FileServerSettings

    /// At most this many directory entries are listed.
    static let maximumListingEntries = 10_000

    /// The answer to `head` (blocking file system calls; run it off the event loop).
    func response(to head: HTTPRequestHead, summary: HandshakeSummary?, clientAddress: String) -> Response {
        guard head.method == .GET || head.method == .HEAD else {
            return .page(
                status: .methodNotAllowed, contentType: MediaTypes.byExtension["txt"] ?? MediaTypes.fallback,
                body: "405 Method Not Allowed\n", headers: [("Allow", "GET, HEAD")])
        }
        if self.settings.statusPage {
            let body = StatusPage.text(
                summary: summary, clientAddress: clientAddress, method: head.method.rawValue, target: head.uri)
            return .page(status: .ok, contentType: "text/plain; charset=utf-8", body: body)
        }
        switch self.settings.resolver.resolve(head.uri) {
        case .file(let path, let size):
            return .file(path: path, size: size, contentType: MediaTypes.forPath(path))
        case .directory(let path):
            return .page(status: .ok, contentType: "text/html; charset=utf-8", body: self.listing(of: path, target: head.uri))
        case .addSlash(let location):
            return .page(
                status: .movedPermanently, contentType: "text/plain; charset=utf-8", body: "Moved to \(location)\n",
                headers: [("Location", location)])
        case .notFound:
            return Self.textPage(.notFound)
        case .badRequest:
            return Self.textPage(.badRequest)
        case .forbidden:
            return Self.textPage(.forbidden)
        }
    }

    static func textPage(_ status: HTTPResponseStatus) -> Response {
        .page(status: status, contentType: "text/plain; charset=utf-8", body: "\(status.code) \(status.reasonPhrase)\n")
    }

    /// The response head: status, Content-Type, Content-Length, Strict-Transport-Security (when
    /// enabled), `X-Content-Type-Options: nosniff`, and `Connection: close` when the connection ends.
    func responseHead(for response: Response, version: HTTPVersion, keepAlive: Bool) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        let status: HTTPResponseStatus
        switch response {
        case .page(let pageStatus, let contentType, let body, let extra):
            status = pageStatus
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: "\(body.utf8.count)")
            for (name, value) in extra { headers.add(name: name, value: value) }
        case .file(_, let size, let contentType):
            status = .ok
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: "\(size)")
        }
        if let hsts = self.settings.hstsHeaderValue {
            headers.add(name: "Strict-Transport-Security", value: hsts)
        }
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        headers.add(name: "Server", value: "tlskit")
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        }
        return HTTPResponseHead(version: version, status: status, headers: headers)
    }

    /// Answers `head` on `channel` (whose pipeline ends in NIOHTTP1's server handlers), then
    /// closes the connection unless it is kept alive.
    func respond(to head: HTTPRequestHead, summary: HandshakeSummary?, clientAddress: String, channel: any Channel) async {
        let response = self.response(to: head, summary: summary, clientAddress: clientAddress)
        let keepAlive = head.isKeepAlive
        let responseHead = self.responseHead(for: response, version: head.version, keepAlive: keepAlive)
        let sendBody = head.method != .HEAD
        do {
            try await channel.writeAndFlush(HTTPServerResponsePart.head(responseHead)).get()
            switch response {
            case .page(_, _, let body, _):
                if sendBody, !body.isEmpty {
                    try await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: body)))).get()
                }
            case .file(let path, let size, _):
                if sendBody {
                    try await self.streamFile(path: path, size: size, channel: channel)
                }
            }
            try await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
            if !keepAlive {
                try await channel.close()
            }
        } catch {
            // The client went away, or the file could not be read after the head was sent:
            // the response cannot be completed, so the connection must end.
            try? await channel.close()
        }
    }

    /// Sends exactly `size` bytes of the file in chunks, each after the previous was written.
    private func streamFile(path: String, size: Int64, channel: any Channel) async throws {
        var sent: Int64 = 0
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
            for try await chunk in handle.readChunks(in: 0..<size, chunkLength: .bytes(Int64(self.settings.chunkSize))) {
                sent += Int64(chunk.readableBytes)
                try await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(chunk))).get()
            }
        }
        guard sent == size else {
            // The file shrank while it was sent: the Content-Length promised more.
            throw StaticFileResponderError.fileChanged(path: path)
        }
    }

    /// A minimal HTML listing of a directory (names escaped and percent-encoded).
    func listing(of path: String, target: String) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
            .prefix(Self.maximumListingEntries)
        let title = HTMLText.escape(RequestPathResolver.percentDecode(Substring(RequestPathResolver.pathPart(of: target))) ?? "/")
        var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of \(title)</title></head>\n<body><h1>Index of \(title)</h1>\n<ul>\n"
        for name in names {
            var isDirectory: ObjCBool = false
            let full = (path == "/" ? "" : path) + "/" + name
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            let suffix = isDirectory.boolValue ? "/" : ""
            html += "<li><a href=\"\(HTMLText.percentEncode(name))\(suffix)\">\(HTMLText.escape(name))\(suffix)</a></li>\n"
        }
        html += "</ul>\n</body></html>\n"
        return html
    }
}
