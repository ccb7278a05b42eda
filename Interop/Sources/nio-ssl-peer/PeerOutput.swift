#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOSSL

/// Lines for scripts/interop-matrix on standard output, written unbuffered so that a line is
/// there the moment the event it reports has happened.
enum PeerOutput {
    static func line(_ text: String) {
        var bytes = Array((text + "\n").utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// `TLSv1.3`, as openssl and tlskit spell the versions.
    static func describe(_ version: TLSVersion?) -> String {
        switch version {
        case .tlsv13?: "TLSv1.3"
        case .tlsv12?: "TLSv1.2"
        case .tlsv11?: "TLSv1.1"
        case .tlsv1?: "TLSv1"
        case nil: "unknown"
        }
    }

    /// The peer certificate's common name, or `none`.
    static func describe(_ certificate: NIOSSLCertificate?) -> String {
        guard let certificate else { return "none" }
        return certificate.subjectName.first { $0.type == .commonName }.map { "CN=\($0.value)" } ?? "no-common-name"
    }
}
