import NIOCore
import TLSKit

/// The request/response step the hygiene check shares between plain TCP and TLS: send one
/// `GET` with `Connection: close`, read the response with an `HTTPResponseReader`, and give
/// up after a deadline, keeping what had arrived by then.
enum HTTPExchange {
    /// `GET target HTTP/1.1` with Host, User-Agent, Accept and `Connection: close` (RFC 9112,
    /// Section 3; RFC 9110, Section 7.2). No Accept-Encoding: the body comes uncompressed.
    static func request(target: String, hostHeader: String) -> String {
        "GET \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: tlskit/\(TLSKitCommand.version) (https-hygiene)\r\n"
            + "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\nConnection: close\r\n\r\n"
    }

    /// What reading ended with: the response (possibly partial) and how the connection ended.
    struct Outcome: Sendable {
        var response: ParsedHTTPResponse
        /// The TLS peer closed TCP without close_notify (RFC 8446, Section 6.1).
        var closedWithoutCloseNotify = false
    }

    /// Sends `request`, reads the response until `reader` is satisfied or the peer closes.
    /// Cancellation (the deadline) ends reading like a close: what came so far is returned.
    static func exchange(
        request: String,
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        reader: HTTPResponseReader
    ) async throws -> Outcome {
        var reader = reader
        var uncleanClose = false
        try await outbound.write(ByteBuffer(string: request))
        do {
            for try await chunk in inbound {
                if try Self.receive(chunk, into: &reader) { break }
            }
        } catch let error as TLSError where error.code == .closed {
            uncleanClose = true
        } catch is CancellationError {
            // The deadline passed; finish with what arrived.
        } catch let error as ChannelError where error == .inputClosed || error == .eof {
            // The peer went away; finish with what arrived.
        }
        return Outcome(response: try Self.finish(&reader), closedWithoutCloseNotify: uncleanClose)
    }

    /// `reader.receive`, its parse error in the words of the exchange.
    private static func receive(_ chunk: ByteBuffer, into reader: inout HTTPResponseReader) throws(HTTPExchangeError) -> Bool {
        do {
            return try reader.receive(chunk.readableBytesView)
        } catch {
            throw HTTPExchangeError(error.message)
        }
    }

    /// `reader.finish`, its parse error in the words of the exchange.
    private static func finish(_ reader: inout HTTPResponseReader) throws(HTTPExchangeError) -> ParsedHTTPResponse {
        do {
            return try reader.finish()
        } catch {
            throw HTTPExchangeError(error.message)
        }
    }

    /// Runs `operation`; when `timeout` passes first, cancels it and returns what it then
    /// returns, with `timedOut` set. Throws what `operation` throws, or a timeout error when
    /// it fails after being cancelled.
    static func withDeadline<Value: Sendable>(
        _ timeout: Duration, what: String, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> (value: Value, timedOut: Bool) {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first: Value??
            do {
                first = try await group.next()
            } catch {
                group.cancelAll()
                throw error
            }
            if let first, let value = first {
                group.cancelAll()
                return (value, false)
            }
            // The deadline came first.
            group.cancelAll()
            do {
                while let next = try await group.next() {
                    if let value = next { return (value, true) }
                }
            } catch {}
            throw HTTPExchangeError("\(what) did not answer within \(Self.seconds(timeout)); raise the timeout if the server is slow")
        }
    }

    /// `1 second`, `10 seconds`, `1.5 seconds`.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds == 1000 { return "1 second" }
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) seconds" : "\(Double(milliseconds) / 1000) seconds"
    }
}
