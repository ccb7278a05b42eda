#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a request target (RFC 9112, Section 3.2) to a file under the served root, and never to
/// anything outside it.
///
/// The path is split into segments and each is percent-decoded; a segment that decodes to `..`,
/// or that contains `/`, `\` or NUL, rejects the request (so `/../etc/passwd`, `/%2e%2e/x` and
/// `/a%2f..%2fb` never leave the root). The joined path is then resolved with `realpath(3)`,
/// which follows every symbolic link, and must still lie under the resolved root: a link that
/// points outside is refused. Only regular files and directories are served (no FIFOs or devices).
///
/// Hidden files are not served: a path with a segment that starts with `.` (`/.git/config`,
/// `/.env`, `/a/.build/x`) is not found, before and after symbolic links are followed, except
/// under `/.well-known/` (RFC 8615), where ACME challenges and security.txt live.
///
/// `resolve` touches the file system (blocking calls); run it off the event loop.
struct RequestPathResolver: Sendable {
    /// What a request target leads to.
    enum Resolution: Hashable, Sendable {
        /// A regular file: its resolved path and size.
        case file(path: String, size: Int64)
        /// A directory without index.html: its resolved path (for a listing).
        case directory(path: String)
        /// A directory asked for without the trailing slash: redirect to `location`.
        case addSlash(location: String)
        /// Nothing there (or not a regular file or directory).
        case notFound
        /// The target is malformed or tries to climb out of the root (`..`, encoded slashes).
        case badRequest
        /// The target resolves (through a symbolic link) to a place outside the root.
        case forbidden
    }

    /// The canonical absolute path of the root, without a trailing slash (except for "/").
    let root: String

    /// The largest request target accepted.
    static let maximumTargetLength = 8192

    /// - Throws: `RequestPathResolverError` if `root` does not exist or is not a directory.
    init(root: String) throws {
        guard let canonical = Self.realPath(root) else {
            throw RequestPathResolverError(message: "the root '\(root)' does not exist")
        }
        guard Self.fileKind(canonical) == .directory else {
            throw RequestPathResolverError(message: "the root '\(root)' is not a directory")
        }
        self.root = canonical
    }

    /// The decoded path segments of a request target (`/a/b%20c?x=1` gives `["a", "b c"]`),
    /// without empty and `.` segments; nil when the target must be refused.
    static func segments(of target: String) -> [String]? {
        guard target.utf8.count <= Self.maximumTargetLength, target.hasPrefix("/") else { return nil }
        var path = Substring(target)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            path = path[..<end]
        }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = Self.percentDecode(raw) else { return nil }
            if segment == "." { continue }
            if segment == ".." { return nil }
            guard !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) else { return nil }
            segments.append(segment)
        }
        return segments
    }

    /// Percent-decodes one segment (RFC 3986, Section 2.1); nil for a malformed escape or
    /// bytes that are not UTF-8.
    static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Where `target` leads under the root.
    func resolve(_ target: String) -> Resolution {
        guard let segments = Self.segments(of: target) else { return .badRequest }
        guard !Self.isHidden(segments) else { return .notFound }
        let candidate = segments.isEmpty ? self.root : self.join(segments)
        guard let resolved = Self.realPath(candidate) else { return .notFound }
        guard self.contains(resolved) else { return .forbidden }
        guard !Self.isHidden(self.segments(relativeTo: resolved)) else { return .notFound }
        switch Self.fileKind(resolved) {
        case .regular(let size):
            return .file(path: resolved, size: size)
        case .directory:
            let path = Self.pathPart(of: target)
            if !path.hasSuffix("/") {
                return .addSlash(location: path + "/")
            }
            let index = resolved == "/" ? "/index.html" : resolved + "/index.html"
            if let indexResolved = Self.realPath(index), self.contains(indexResolved),
               case .regular(let size) = Self.fileKind(indexResolved) {
                return .file(path: indexResolved, size: size)
            }
            return .directory(path: resolved)
        case .other, .missing:
            return .notFound
        }
    }

    /// Whether a path under the root names a hidden file or lies in a hidden directory: a
    /// segment starting with `.`, other than a leading `.well-known` (RFC 8615).
    static func isHidden(_ segments: [String]) -> Bool {
        segments.enumerated().contains { index, segment in
            segment.hasPrefix(".") && !(index == 0 && segment == ".well-known")
        }
    }

    /// The segments of a canonical path under the root, relative to the root.
    private func segments(relativeTo resolved: String) -> [String] {
        let relative = resolved.dropFirst(self.root == "/" ? 0 : self.root.utf8.count)
        return relative.split(separator: "/").map(String.init)
    }

    /// Whether a canonical path lies under the root (or is the root).
    func contains(_ resolved: String) -> Bool {
        if self.root == "/" { return resolved.hasPrefix("/") }
        return resolved == self.root || resolved.hasPrefix(self.root + "/")
    }

    private func join(_ segments: [String]) -> String {
        (self.root == "/" ? "" : self.root) + "/" + segments.joined(separator: "/")
    }

    /// The target without query and fragment.
    static func pathPart(of target: String) -> String {
        guard let end = target.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return target }
        return String(target[..<end])
    }

    // MARK: File system

    enum FileKind: Hashable {
        case regular(size: Int64)
        case directory
        case other
        case missing
    }

    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What kind of file is at `path` (following symbolic links).
    static func fileKind(_ path: String) -> FileKind {
        var information = stat()
        guard stat(path, &information) == 0 else { return .missing }
        switch information.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int64(information.st_size))
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
