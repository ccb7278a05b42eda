/// The command line of `nio-ssl-peer`, parsed by hand so that the package depends on
/// swift-nio and swift-nio-ssl only.
///
///     nio-ssl-peer server --port N --cert FILE --key FILE [--cafile FILE --require-client-cert]
///     nio-ssl-peer client --port N --cafile FILE [--servername NAME] [--cert FILE --key FILE]
///                         [--send TEXT] [--expect TEXT]
///     common: [--host ADDRESS] [--tls1_2 | --tls1_3] [--cipher OPENSSL-LIST] [--groups G1:G2]
///             [--sigalgs S1:S2] [--timeout SECONDS]
struct PeerOptions {
    enum Mode: String {
        case server
        case client
    }

    var mode: Mode
    var host = "127.0.0.1"
    var port = 0
    var tls12Only = false
    var tls13Only = false
    /// TLS 1.2 suites as an OpenSSL cipher string (BoringSSL has no TLS 1.3 suite setting).
    var cipher: String?
    var groups: [String] = []
    var signatureAlgorithms: [String] = []
    var certificate: String?
    var key: String?
    var caFile: String?
    var requireClientCertificate = false
    var serverName = "localhost"
    /// What the client sends once the handshake is done (an HTTP request, or a line to echo).
    var send = "nio-ssl-peer ping\n"
    /// What the client waits for in the reply (default: `send` itself, from an echo server).
    var expect: String?
    var timeoutSeconds: Int64 = 10

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        guard let first = arguments.first, let mode = Mode(rawValue: first) else {
            throw UsageError(description: "the first argument must be 'server' or 'client'")
        }
        self.mode = mode
        var rest = arguments.dropFirst()
        // The value after an option, or a usage error naming the option.
        func value(_ option: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(option) needs a value") }
            return next
        }
        func number(_ option: String) throws -> Int {
            guard let parsed = Int(try value(option)) else { throw UsageError(description: "\(option) needs a number") }
            return parsed
        }
        while let option = rest.popFirst() {
            switch option {
            case "--host": self.host = try value(option)
            case "--port": self.port = try number(option)
            case "--tls1_2": self.tls12Only = true
            case "--tls1_3": self.tls13Only = true
            case "--cipher": self.cipher = try value(option)
            case "--groups": self.groups = try value(option).split(separator: ":").map(String.init)
            case "--sigalgs": self.signatureAlgorithms = try value(option).split(separator: ":").map(String.init)
            case "--cert": self.certificate = try value(option)
            case "--key": self.key = try value(option)
            case "--cafile": self.caFile = try value(option)
            case "--require-client-cert": self.requireClientCertificate = true
            case "--servername": self.serverName = try value(option)
            case "--send": self.send = try value(option)
            case "--expect": self.expect = try value(option)
            case "--timeout": self.timeoutSeconds = Int64(try number(option))
            default: throw UsageError(description: "unknown option \(option)")
            }
        }
        if self.tls12Only && self.tls13Only {
            throw UsageError(description: "--tls1_2 and --tls1_3 exclude each other")
        }
        if (self.certificate == nil) != (self.key == nil) {
            throw UsageError(description: "--cert and --key go together")
        }
        if self.mode == .server && self.certificate == nil {
            throw UsageError(description: "the server needs --cert and --key")
        }
        if self.requireClientCertificate && self.caFile == nil {
            throw UsageError(description: "--require-client-cert needs --cafile")
        }
    }
}
