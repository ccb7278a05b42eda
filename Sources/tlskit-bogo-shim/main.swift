#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// tlskit-bogo-shim: TLSKit under BoringSSL's TLS test runner (ssl/test/runner; see TESTING.md, "BoGo").
// Exit codes: 0 success, 1 failure, 89 a flag this shim does not implement.

/// Prints to standard error; the runner matches expected errors there.
func report(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["-is-handshaker-supported"] {
    print("No")
    exit(0)
}
do {
    let first = try ShimOptions.parse(arguments, connection: 0)
    // Every connection's flags are checked before the first one starts, so an unimplemented
    // `-on-resume-` flag is reported as such rather than as a failed resumption.
    var all = [first]
    if first.resumeCount > 0 {
        for index in 1...first.resumeCount { all.append(try ShimOptions.parse(arguments, connection: index)) }
    }
    let state = ShimSessionState()
    for (index, options) in all.enumerated() {
        var connection = ShimConnection(options: options, index: index, state: state)
        try connection.run()
    }
    exit(0)
} catch let failure as ShimFailure {
    report(failure.description)
    // For tallying why tests are unimplemented (TESTING.md, "BoGo"): one line per run, when asked for.
    if case .unimplemented = failure, let path = getenv("TLSKIT_BOGO_UNIMPLEMENTED_LOG"), let file = fopen(path, "a") {
        fputs(failure.description + "\n", file)
        fclose(file)
    }
    exit(failure.exitCode)
} catch {
    report("\(error)")
    exit(1)
}
