/// Runs `curl --tlsv1.3` against 127.0.0.1 (through `--resolve`, so the host name is only
/// for SNI and verification) and splits what `-w` appends from the body.
enum CurlClient {
    /// `-w` appends this marker, the status code and the verify result on a last line.
    static let marker = "\n--curl-result: "

    struct Result {
        var process: PeerProcess
        /// The response body (stdout without the `-w` line).
        var body: String
        /// `%{http_code}`, 0 when no response came.
        var httpCode: Int
        /// `%{ssl_verify_result}`, 0 when the server's certificate verified.
        var sslVerifyResult: Int
        /// `-v` output (TLS and HTTP details).
        var verbose: String { process.standardError }
    }

    /// `curl --tlsv1.3 --cacert ROOT -v -sS --max-time 110 --resolve HOST:PORT:127.0.0.1` plus
    /// `options`, fetching `https://HOST:PORT/PATH`.
    static func run(
        port: UInt16,
        caFile: String,
        host: String = "localhost",
        path: String = "/",
        _ options: [String] = []
    ) async throws -> Result {
        let arguments =
            [
                "--tlsv1.3", "--cacert", caFile, "-v", "-sS", "--max-time", "110", "--resolve", "\(host):\(port):127.0.0.1",
                "-w", "\(marker)%{http_code} %{ssl_verify_result}",
            ] + options + ["https://\(host):\(port)\(path)"]
        let process = try await PeerProcess.run(try PeerTools.curl(), arguments, timeout: InteropTimeouts.peer)
        let output = process.standardOutput
        guard let range = output.range(of: marker, options: .backwards) else {
            return Result(process: process, body: output, httpCode: 0, sslVerifyResult: -1)
        }
        let fields = output[range.upperBound...].split(separator: " ")
        return Result(
            process: process,
            body: String(output[..<range.lowerBound]),
            httpCode: fields.first.flatMap { Int($0) } ?? 0,
            sslVerifyResult: fields.dropFirst().first.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? -1
        )
    }
}
