import Foundation
import TLSKit
import TLSKitNIO

/// Where `tlskit client` and `tlskit server` write the NSS key log: `--keylog FILE`, else the
/// `SSLKEYLOGFILE` environment variable (the convention of browsers, curl and OpenSSL-based
/// tools), else nowhere.
enum KeyLogOption {
    /// The file to log to, if any; `--keylog` wins over the environment.
    static func path(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let option, !option.isEmpty { return option }
        if let variable = environment["SSLKEYLOGFILE"], !variable.isEmpty { return variable }
        return nil
    }

    /// Opens the key log (created 0600) and warns on standard error that the connection's
    /// secrets are being written; returns the configuration callback.
    static func open(option: String?) throws -> (@Sendable (String) -> Void)? {
        guard let path = path(option: option) else { return nil }
        let file = try KeyLogFile(path: path)
        StandardStream.error.write(
            "WARNING: writing TLS secrets to the key log \(path); anyone with this file can decrypt these connections.\n")
        return file.log
    }
}
