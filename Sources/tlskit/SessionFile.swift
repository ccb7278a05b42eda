import Foundation
import TLSKit

/// The files of `tlskit client --sess-out` / `--sess-in`: a `ClientSession` (RFC 8446,
/// Section 4.6.1: the ticket and the resumption secret) as base64 between
/// `-----BEGIN TLSKIT SESSION-----` lines. Whoever reads the file can resume as this client
/// and decrypt 0-RTT data sent with it, so it is written readable by its owner only (0600).
enum SessionFile {
    static let begin = "-----BEGIN TLSKIT SESSION-----"
    static let end = "-----END TLSKIT SESSION-----"
    /// A session file is small; anything larger is not one.
    static let maximumSize = 256 * 1024

    static func write(_ session: ClientSession, to path: String) throws {
        let base64 = Data(session.serialized()).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        try PEMFileWriter.write("\(begin)\n\(base64)\n\(end)\n", to: path, mode: PEMFileWriter.privateKeyMode)
    }

    static func read(from path: String) throws -> ClientSession {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PEMFileWriterError(message: "cannot read the session file \(path): \(error.localizedDescription)")
        }
        guard data.count <= maximumSize, let text = String(data: data, encoding: .utf8),
            let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex),
            let bytes = Data(base64Encoded: String(text[start.upperBound..<stop.lowerBound]), options: .ignoreUnknownCharacters)
        else {
            throw PEMFileWriterError(message: "\(path) is not a session file written by tlskit client --sess-out")
        }
        do {
            return try ClientSession(serialized: Array(bytes))
        } catch let error as TLSError {
            throw PEMFileWriterError(message: "\(path): \(error.reason)")
        }
    }
}
