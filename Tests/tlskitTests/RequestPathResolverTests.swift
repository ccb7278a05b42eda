#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

@testable import tlskit

/// No request target may lead outside the served root.
@Suite struct RequestPathResolverTests {
    @Test(arguments: [
        "/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/etc/passwd", "/.%2e/etc/passwd",
        "/a%2f..%2f..%2fetc/passwd", "/a%5c..%5cb", "/a%00b", "/%zz", "/%2", "relative", "", "http://example.com/",
    ])
    func refusesEscapesAndMalformedTargets(_ target: String) {
        #expect(RequestPathResolver.segments(of: target) == nil)
    }

    @Test func decodesSegments() {
        #expect(RequestPathResolver.segments(of: "/") == [])
        #expect(RequestPathResolver.segments(of: "/a/./b//c?x=../..#..") == ["a", "b", "c"])
        #expect(RequestPathResolver.segments(of: "/with%20space/%C3%A9t%C3%A9.txt") == ["with space", "été.txt"])
        #expect(RequestPathResolver.segments(of: "/%ff") == nil)  // not UTF-8
    }

    @Test func resolvesFilesDirectoriesAndEscapes() throws {
        let served = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer {
            served.remove()
            outside.remove()
        }
        try served.write("index.html", "<h1>hi</h1>")
        try served.write("a.txt", "hello")
        try served.write("sub/b.css", "body{}")
        try FileManager.default.createDirectory(atPath: served.file("empty"), withIntermediateDirectories: true)
        try outside.write("secret.txt", "secret")
        try FileManager.default.createSymbolicLink(atPath: served.file("link-out"), withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: served.file("secret-link.txt"), withDestinationPath: outside.file("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: served.file("link-in.txt"), withDestinationPath: "a.txt")
        #expect(mkfifo(served.file("fifo"), 0o600) == 0)

        let resolver = try RequestPathResolver(root: served.path)
        #expect(resolver.resolve("/a.txt") == .file(path: served.file("a.txt"), size: 5))
        #expect(resolver.resolve("/a.txt?download=1") == .file(path: served.file("a.txt"), size: 5))
        #expect(resolver.resolve("/sub/b.css") == .file(path: served.file("sub/b.css"), size: 6))
        #expect(resolver.resolve("/") == .file(path: served.file("index.html"), size: 11))
        #expect(resolver.resolve("/link-in.txt") == .file(path: served.file("a.txt"), size: 5))
        #expect(resolver.resolve("/sub") == .addSlash(location: "/sub/"))
        #expect(resolver.resolve("/empty/") == .directory(path: served.file("empty")))
        #expect(resolver.resolve("/missing.txt") == .notFound)
        #expect(resolver.resolve("/fifo") == .notFound)
        #expect(resolver.resolve("/../etc/passwd") == .badRequest)
        #expect(resolver.resolve("/%2e%2e/%2e%2e/etc/passwd") == .badRequest)
        #expect(resolver.resolve("/link-out/secret.txt") == .forbidden)
        #expect(resolver.resolve("/secret-link.txt") == .forbidden)
        #expect(resolver.resolve("/link-out/") == .forbidden)
    }

    /// Hidden files and directories (a segment starting with '.') are not served, also when a
    /// visible symbolic link leads to them; only `/.well-known/` is (RFC 8615).
    @Test func hiddenFilesAreNotFound() throws {
        let served = try TemporaryDirectory()
        defer { served.remove() }
        try served.write(".git/config", "[core]")
        try served.write(".env", "SECRET=1")
        try served.write("sub/.build/debug/x", "binary")
        try served.write("sub/visible.txt", "ok")
        try served.write(".well-known/acme-challenge/token", "challenge")
        try served.write(".well-known/.hidden", "no")
        try FileManager.default.createSymbolicLink(atPath: served.file("config-link"), withDestinationPath: ".git/config")
        try FileManager.default.createSymbolicLink(atPath: served.file("git"), withDestinationPath: ".git")

        let resolver = try RequestPathResolver(root: served.path)
        for target in [
            "/.git/config", "/.git/", "/.git", "/.env", "/%2eenv", "/sub/.build/debug/x", "/config-link", "/git/config",
            "/.well-known/.hidden", "/sub/../.env",
        ] {
            #expect(resolver.resolve(target) == .notFound || resolver.resolve(target) == .badRequest, "\(target)")
            #expect(resolver.resolve(target) != .badRequest || target.contains(".."), "\(target)")
        }
        #expect(resolver.resolve("/sub/visible.txt") == .file(path: served.file("sub/visible.txt"), size: 2))
        #expect(
            resolver.resolve("/.well-known/acme-challenge/token")
                == .file(path: served.file(".well-known/acme-challenge/token"), size: 9))
        #expect(RequestPathResolver.isHidden([".well-known", "a"]) == false)
        #expect(RequestPathResolver.isHidden(["a", ".well-known"]) == true)
    }

    @Test func rootGivenThroughASymlinkIsCanonicalized() throws {
        let served = try TemporaryDirectory()
        let links = try TemporaryDirectory()
        defer {
            served.remove()
            links.remove()
        }
        try served.write("a.txt", "hello")
        try FileManager.default.createSymbolicLink(atPath: links.file("root"), withDestinationPath: served.path)
        let resolver = try RequestPathResolver(root: links.file("root"))
        #expect(resolver.root == served.path)
        #expect(resolver.resolve("/a.txt") == .file(path: served.file("a.txt"), size: 5))
    }

    @Test func refusesMissingOrNonDirectoryRoots() throws {
        let served = try TemporaryDirectory()
        defer { served.remove() }
        try served.write("a.txt", "hello")
        #expect(throws: RequestPathResolverError.self) { try RequestPathResolver(root: served.file("nope")) }
        #expect(throws: RequestPathResolverError.self) { try RequestPathResolver(root: served.file("a.txt")) }
    }

    @Test func contentTypesFollowTheExtension() {
        #expect(MediaTypes.forPath("/srv/index.html") == "text/html; charset=utf-8")
        #expect(MediaTypes.forPath("/srv/STYLE.CSS") == "text/css; charset=utf-8")
        #expect(MediaTypes.forPath("/srv/app.js") == "text/javascript; charset=utf-8")
        #expect(MediaTypes.forPath("/srv/logo.png") == "image/png")
        #expect(MediaTypes.forPath("/srv/data.json") == "application/json")
        #expect(MediaTypes.forPath("/srv/archive.tar.gz") == "application/gzip")
        #expect(MediaTypes.forPath("/srv/README") == "application/octet-stream")
        #expect(MediaTypes.forPath("/srv/.hidden") == "application/octet-stream")
        #expect(MediaTypes.forPath("/srv/dir.d/file") == "application/octet-stream")
    }
}
