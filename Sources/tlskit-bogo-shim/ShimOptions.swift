/// The flags of one shim invocation, as BoringSSL's runner passes them (ssl/test/test_config.cc).
///
/// Flags prefixed `-on-initial-` apply only to the first connection and `-on-resume-` only to
/// the resumed ones; `parse(_:connection:)` resolves them for one connection. Any flag not
/// listed here makes the whole run exit 89 (unimplemented), so the runner skips the test
/// instead of counting a failure.
struct ShimOptions {
    var port: UInt16 = 0
    var shimID: UInt64 = 0
    var ipv6 = false
    var isServer = false
    var resumeCount = 0

    var certFile: String?
    var keyFile: String?
    var minVersion: UInt16?
    var maxVersion: UInt16?
    var noTLS13 = false
    var noTLS12 = false
    var curves: [UInt16] = []
    var hostName: String?
    /// ALPN protocols in wire form (length-prefixed), as `-advertise-alpn` gives them.
    var advertiseALPN: [String] = []
    var selectALPN: String?
    var signingPrefs: [UInt16] = []
    var verifyPrefs: [UInt16] = []
    var verifyPeer = false
    var requireAnyClientCertificate = false
    var verifyFail = false
    var useCustomVerifyCallback = false
    var expectVerifyResult = false
    var serverPreference = false
    var shimWritesFirst = false
    var shimShutsDown = false
    var checkCloseNotify = false
    var enableEarlyData = false
    var expectAcceptEarlyData = false
    var expectRejectEarlyData = false
    var expectTicketSupportsEarlyData = false
    var exportKeyingMaterial = 0
    var exportLabel = ""
    var exportContext = ""
    var useExportContext = false

    var expectVersion: UInt16?
    var expectCurveID: UInt16?
    var expectCipher: UInt16?
    var expectPeerSignatureAlgorithm: UInt16?
    var expectALPN: String?
    var expectServerName: String?
    var expectNoServerName = false
    var expectPeerCertFile: String?
    var expectHRR = false
    var expectNoHRR = false
    var expectExtendedMasterSecret = false
    var expectSessionMiss = false

    /// Flags that change only how BoringSSL's own shim drives its I/O or API, not what goes
    /// on the wire; this shim always behaves the same way, so they are accepted and ignored.
    static let ignoredFlags: Set<String> = ["-async", "-implicit-handshake"]
    /// Flags whose value this shim accepts and ignores (`-trust-cert`: the client verifies
    /// nothing by default, as BoringSSL's shim does without `-verify-peer`).
    static let ignoredValueFlags: Set<String> = ["-trust-cert"]

    /// The options for connection number `connection` (0 is the first, then the resumptions).
    static func parse(_ arguments: [String], connection: Int) throws -> ShimOptions {
        var options = ShimOptions()
        var index = 0
        func value(_ flag: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw ShimFailure.usage("\(flag) needs a value") }
            return arguments[index]
        }
        func integer<T: FixedWidthInteger>(_ flag: String, as: T.Type = T.self) throws -> T {
            let text = try value(flag)
            guard let number = T(text) else { throw ShimFailure.usage("\(flag): '\(text)' is not a number") }
            return number
        }
        while index < arguments.count {
            var flag = arguments[index]
            var applies = true
            if flag.hasPrefix("-on-initial-") {
                flag = "-" + flag.dropFirst("-on-initial-".count)
                applies = connection == 0
            } else if flag.hasPrefix("-on-resume-") {
                flag = "-" + flag.dropFirst("-on-resume-".count)
                applies = connection > 0
            } else if flag.hasPrefix("-on-") {
                throw ShimFailure.unimplemented(flag)
            }
            // A prefixed flag for another connection is parsed into a scratch copy.
            var target = applies ? options : ShimOptions()
            switch flag {
            case "-port": target.port = try integer(flag)
            case "-shim-id": target.shimID = try integer(flag)
            case "-ipv6": target.ipv6 = true
            case "-server": target.isServer = true
            case "-resume-count": target.resumeCount = try integer(flag)
            case "-cert-file": target.certFile = try value(flag)
            case "-key-file": target.keyFile = try value(flag)
            case "-min-version": target.minVersion = try integer(flag)
            case "-max-version": target.maxVersion = try integer(flag)
            case "-no-tls13": target.noTLS13 = true
            case "-no-tls12": target.noTLS12 = true
            case "-no-tls11", "-no-tls1": break  // never spoken anyway
            case "-curves": target.curves.append(try integer(flag))
            case "-host-name": target.hostName = try value(flag)
            case "-advertise-alpn": target.advertiseALPN = try Self.alpnList(wire: try value(flag))
            case "-select-alpn": target.selectALPN = try value(flag)
            case "-signing-prefs": target.signingPrefs.append(try integer(flag))
            case "-verify-prefs": target.verifyPrefs.append(try integer(flag))
            case "-verify-peer": target.verifyPeer = true
            case "-require-any-client-certificate": target.requireAnyClientCertificate = true
            case "-verify-fail": target.verifyFail = true
            case "-use-custom-verify-callback": target.useCustomVerifyCallback = true
            case "-expect-verify-result": target.expectVerifyResult = true
            case "-server-preference": target.serverPreference = true
            case "-shim-writes-first": target.shimWritesFirst = true
            case "-shim-shuts-down": target.shimShutsDown = true
            case "-check-close-notify": target.checkCloseNotify = true
            case "-enable-early-data": target.enableEarlyData = true
            case "-expect-accept-early-data": target.expectAcceptEarlyData = true
            case "-expect-reject-early-data": target.expectRejectEarlyData = true
            case "-expect-ticket-supports-early-data": target.expectTicketSupportsEarlyData = true
            case "-export-keying-material": target.exportKeyingMaterial = try integer(flag)
            case "-export-label": target.exportLabel = try value(flag)
            case "-export-context": target.exportContext = try value(flag)
            case "-use-export-context": target.useExportContext = true
            case "-expect-version": target.expectVersion = try integer(flag)
            case "-expect-curve-id": target.expectCurveID = try integer(flag)
            case "-expect-cipher": target.expectCipher = try integer(flag)
            case "-expect-peer-signature-algorithm": target.expectPeerSignatureAlgorithm = try integer(flag)
            case "-expect-alpn": target.expectALPN = try value(flag)
            case "-expect-server-name": target.expectServerName = try value(flag)
            case "-expect-no-server-name": target.expectNoServerName = true
            case "-expect-peer-cert-file": target.expectPeerCertFile = try value(flag)
            case "-expect-hrr": target.expectHRR = true
            case "-expect-no-hrr": target.expectNoHRR = true
            case "-expect-extended-master-secret": target.expectExtendedMasterSecret = true
            case "-expect-session-miss": target.expectSessionMiss = true
            case let other where Self.ignoredFlags.contains(other): break
            case let other where Self.ignoredValueFlags.contains(other): _ = try value(other)
            default: throw ShimFailure.unimplemented(arguments[index])
            }
            if applies { options = target }
            index += 1
        }
        return options
    }

    /// Splits ALPN's wire form (RFC 7301, Section 3.1: each name prefixed by its length byte).
    static func alpnList(wire: String) throws -> [String] {
        var bytes = Array(wire.utf8)[...]
        var names: [String] = []
        while let length = bytes.first {
            bytes = bytes.dropFirst()
            guard length > 0, bytes.count >= Int(length) else {
                throw ShimFailure.unimplemented("-advertise-alpn with a malformed list")
            }
            names.append(String(decoding: bytes.prefix(Int(length)), as: UTF8.self))
            bytes = bytes.dropFirst(Int(length))
        }
        return names
    }
}
