import Foundation

/// Finds the peer programs interop tests run (`openssl`, `gnutls-serv`, `gnutls-cli`, `curl`, `python3`).
///
/// A missing tool is a failure, never a silent skip: `scripts/test` installs them all.
enum PeerTools {
    struct Missing: Error, CustomStringConvertible {
        var tool: String
        var description: String {
            "\(tool) is not installed (not found on PATH); run scripts/test, which installs the interop test peers "
                + "(openssl, gnutls-bin, curl, python3), or install them yourself"
        }
    }

    /// The absolute path of `tool` on PATH.
    static func path(of tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw Missing(tool: tool)
    }

    static func openssl() throws -> String { try path(of: "openssl") }
    static func gnutlsServ() throws -> String { try path(of: "gnutls-serv") }
    static func gnutlsCLI() throws -> String { try path(of: "gnutls-cli") }
    static func curl() throws -> String { try path(of: "curl") }
    static func python3() throws -> String { try path(of: "python3") }
}
