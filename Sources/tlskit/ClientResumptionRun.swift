import ArgumentParser
import Foundation
import NIOCore
import TLSKit
import TLSKitNIO

/// `--sess-out`, `--sess-in`, `--early-data` and `--reconnect`: what a run resumes, sends
/// early and saves.
struct ClientResumptionRun: Sendable {
    let options: ClientResumptionOptions
    let recorder = SessionRecorder()
    /// The session of --sess-in.
    let session: ClientSession?
    /// The content of --early-data.
    let earlyData: ByteBuffer?

    /// How long to wait after a handshake for the server's first NewSessionTicket.
    static let ticketWait: Duration = .seconds(2)

    /// Reads the files the options name and points `configuration` at the recording cache.
    init(options: ClientResumptionOptions, configuration: inout TLSClientConfiguration) throws {
        self.options = options
        self.session = try options.sessionIn.map { try SessionFile.read(from: $0) }
        if let path = options.earlyData {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw PEMFileWriterError(message: "cannot read the early data file \(path): \(error.localizedDescription)")
            }
            guard data.count <= ClientResumptionOptions.maximumEarlyDataFileSize else {
                throw PEMFileWriterError(message: "\(path) is larger than \(ClientResumptionOptions.maximumEarlyDataFileSize) bytes")
            }
            self.earlyData = ByteBuffer(bytes: data)
            configuration.enableEarlyData = true
        } else {
            self.earlyData = nil
        }
        configuration.sessionCache = self.recorder
    }

    /// Whether the command waits for tickets after a handshake.
    var needsTickets: Bool { self.options.sessionOut != nil || self.options.reconnect > 0 }

    /// `New, TLSv1.3, Cipher is ...` or `Reused, ...` (the words of `openssl s_client`), and
    /// what became of the early data.
    func describe(_ summary: HandshakeSummary) -> [String] {
        var lines = ["\(summary.resumed ? "Reused" : "New"), \(summary.version), Cipher is \(summary.cipherSuite)"]
        if self.earlyData != nil {
            lines.append(Self.describeEarlyData(summary.earlyDataAccepted))
        }
        return lines
    }

    static func describeEarlyData(_ accepted: Bool?) -> String {
        switch accepted {
        case true?: "Early data accepted"
        case false?: "Early data rejected (sent again after the handshake)"
        case nil: "Early data not offered: no session allowing that much 0-RTT data (sent after the handshake)"
        }
    }

    /// `Connection 2: resumed handshake, Reused, TLSv1.3, Cipher is ..., early data accepted`.
    func describe(connection number: Int, _ summary: HandshakeSummary) -> String {
        var line = "Connection \(number): \(summary.resumed ? "resumed" : "full") handshake, " + self.describe(summary)[0]
        if self.earlyData != nil {
            switch summary.earlyDataAccepted {
            case true?: line += ", early data accepted"
            case false?: line += ", early data rejected (sent again after the handshake)"
            case nil: line += ", early data not offered (sent after the handshake)"
            }
        }
        return line
    }

    /// After a handshake: waits briefly for the server's tickets when they are needed.
    func awaitTickets(before count: Int) async {
        guard self.needsTickets else { return }
        _ = await self.recorder.waitForTickets(moreThan: count, timeout: Self.ticketWait)
    }

    /// Writes the newest session to --sess-out, if asked; warns when the server sent none.
    func saveSession() throws {
        guard let path = self.options.sessionOut else { return }
        guard let session = self.recorder.newestSession else {
            StandardStream.error.write("tlskit: warning: the server sent no session ticket; \(path) was not written\n")
            return
        }
        try SessionFile.write(session, to: path)
    }
}
