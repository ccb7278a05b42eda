import ArgumentParser
import TLSKit
import TLSKitNIO

extension ClientCommand {
    /// Prints what `resumption.describe` says about connection `number` (unless --quiet).
    func report(_ resumption: ClientResumptionRun, connection number: Int, _ summary: HandshakeSummary) {
        guard !self.quiet else { return }
        let lines = self.resumption.reconnect > 0
            ? [resumption.describe(connection: number, summary)] : resumption.describe(summary)
        StandardStream.error.write(lines.joined(separator: "\n") + "\n")
    }

    /// After the first connection: the --reconnect connections (each resuming a session from
    /// the one before, doing the --http request again), then --sess-out.
    func finish(
        _ resumption: ClientResumptionRun, target: HostPort, serverName: String, configuration: TLSClientConfiguration
    ) async throws {
        do {
            for number in stride(from: 2, through: self.resumption.reconnect + 1, by: 1) {
                let before = resumption.recorder.storedCount
                let connection = try await TLSClient.connect(
                    host: target.host, port: target.port, serverName: serverName, configuration: configuration,
                    connectTimeout: self.options.handshakeTimeout, handshakeTimeout: self.options.handshakeTimeout,
                    earlyData: resumption.earlyData)
                self.report(resumption, connection: number, connection.summary)
                await resumption.awaitTickets(before: before)
                do {
                    if let path = self.http {
                        try await self.runHTTP(path: path, connection: connection, target: target, serverName: serverName)
                    } else {
                        try await connection.close()
                    }
                } catch let error as TLSError where error.code == .closed {
                    StandardStream.error.write("tlskit: warning: \(error.reason)\n")
                }
            }
            try resumption.saveSession()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw Self.fail(ErrorDescription.describe(error, target: target))
        }
    }
}
