import Testing

@testable import tlskit

/// The bounded HTTP/1.1 response reader: Content-Length, chunked, close-delimited bodies,
/// interim responses, limits and malformed input.
@Suite struct HTTPResponseReaderTests {
    /// Feeds `text` in pieces of `step` bytes; finishes at the end as a closed connection would.
    static func read(_ text: String, step: Int = .max, reader: HTTPResponseReader = HTTPResponseReader()) throws -> ParsedHTTPResponse {
        var reader = reader
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + min(step, bytes.count - index))
            if try reader.receive(bytes[index..<end]) { break }
            index = end
        }
        return try reader.finish()
    }

    @Test(arguments: [1, 3, 1000])
    func contentLengthBody(step: Int) throws {
        let response = try Self.read(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\nX-Empty:\r\n\r\nhelloEXTRA", step: step)
        #expect(response.head.statusCode == 200)
        #expect(response.head.reasonPhrase == "OK")
        #expect(response.head.version == "HTTP/1.1")
        #expect(response.head.value(named: "content-type") == "text/html")
        #expect(response.head.value(named: "X-Empty") == "")
        #expect(response.body == Array("hello".utf8))
        #expect(response.bodyEnd == .complete)
    }

    @Test(arguments: [1, 2, 7, 1000])
    func chunkedBodyWithExtensionsAndTrailers(step: Int) throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\nA \r\n, chunked!\r\n0\r\nX-Trailer: yes\r\n\r\nafter"
        let response = try Self.read(text, step: step)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello, chunked!")
        #expect(response.bodyEnd == .complete)
    }

    @Test func chunkedWinsOverContentLengthAndOtherCodingsAreCloseDelimited() throws {
        let chunked = try Self.read("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        #expect(chunked.body == Array("abc".utf8) && chunked.bodyEnd == .complete)
        let gzip = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw bytes")
        #expect(gzip.body == Array("raw bytes".utf8) && gzip.bodyEnd == .closeDelimited)
    }

    @Test func closeDelimitedBodyAndBareLineFeeds() throws {
        let response = try Self.read("HTTP/1.0 200 OK\nServer: old\n\n<html>until close</html>", step: 4)
        #expect(response.head.version == "HTTP/1.0")
        #expect(response.head.value(named: "Server") == "old")
        #expect(response.body == Array("<html>until close</html>".utf8))
        #expect(response.bodyEnd == .closeDelimited)
    }

    @Test func bodyLimitStopsReading() throws {
        let reader = HTTPResponseReader(bodyLimit: 4)
        let fixed = try Self.read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", step: 3, reader: reader)
        #expect(fixed.body == Array("0123".utf8) && fixed.bodyEnd == .limitReached)
        let chunked = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", reader: reader)
        #expect(chunked.body == Array("abcd".utf8) && chunked.bodyEnd == .limitReached)
        let closing = try Self.read("HTTP/1.1 200 OK\r\n\r\nabcdefgh", reader: reader)
        #expect(closing.body == Array("abcd".utf8) && closing.bodyEnd == .limitReached)
        var exact = HTTPResponseReader(bodyLimit: 4)
        #expect(try exact.receive(Array("HTTP/1.1 200 OK\r\n\r\nabcd".utf8)))
    }

    @Test func headLimitIsEnforced() {
        let reader = HTTPResponseReader(headLimit: 100)
        #expect(throws: HTTPResponseParseError.self) {
            try Self.read("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 200) + "\r\n\r\n", step: 10, reader: reader)
        }
        #expect(throws: HTTPResponseParseError.self) {
            try Self.read("HTTP/1.1 200 OK\r\n" + String(repeating: "X: y\r\n", count: 300) + "\r\n")
        }
    }

    @Test func truncatedAndMalformedBodiesKeepWhatCame() throws {
        let short = try Self.read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
        #expect(short.body == Array("abc".utf8) && short.bodyEnd == .truncated)
        let cutChunk = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
        #expect(cutChunk.body == Array("ab".utf8) && cutChunk.bodyEnd == .truncated)
        let badSize = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\nmore")
        #expect(badSize.body == Array("abc".utf8) && badSize.bodyEnd == .malformedChunk)
        let noCRLF = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXX0\r\n\r\n")
        #expect(noCRLF.bodyEnd == .malformedChunk)
        let hugeSize = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n")
        #expect(hugeSize.bodyEnd == .malformedChunk)
        let longLine = try Self.read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 5000))
        #expect(longLine.bodyEnd == .malformedChunk)
    }

    @Test func interimResponsesAreSkippedAndSomeStatusesHaveNoBody() throws {
        let response = try Self.read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
        #expect(response.head.statusCode == 204 && response.body.isEmpty && response.bodyEnd == .complete)
        let notModified = try Self.read("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n")
        #expect(notModified.bodyEnd == .complete)
        #expect(throws: HTTPResponseParseError.self) {
            try Self.read(String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 20))
        }
    }

    @Test func headOnlyStopsAfterTheHead() throws {
        var reader = HTTPResponseReader(headOnly: true)
        #expect(try reader.receive(Array("HTTP/1.1 301 Moved Permanently\r\nLocation: https://a/\r\nContent-Length: 99\r\n\r\nbody".utf8)))
        let response = try reader.finish()
        #expect(response.head.statusCode == 301 && response.head.value(named: "location") == "https://a/")
        #expect(response.body.isEmpty && response.bodyEnd == .notRead)
    }

    @Test func foldedHeaderLinesAreJoined() throws {
        let response = try Self.read("HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\nContent-Length: 0\r\n\r\n")
        #expect(response.head.value(named: "X-Long") == "one two")
    }

    @Test(arguments: [
        ("", "without sending a response"),
        ("HTTP/1.1 200 OK\r\nContent-Le", "in the middle of the response head"),
        ("SSH-2.0-OpenSSH\r\n\r\n", "did not answer with HTTP"),
        ("HTTP/1.1 2000 OK\r\n\r\n", "three-digit status code"),
        ("HTTP/1.1\r\n\r\n", "three-digit status code"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "has no ':'"),
        ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "not a valid field name"),
        ("HTTP/1.1 200 OK\r\n folded: first\r\n\r\n", "folded line"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "conflicting Content-Length"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", "is not a number of bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "is not a number of bytes"),
    ])
    func malformedHeadsAreErrorsThatSayWhy(_ text: String, _ reason: String) {
        #expect {
            try Self.read(text)
        } throws: { error in
            (error as? HTTPResponseParseError)?.message.contains(reason) == true
        }
    }

    @Test func sameContentLengthTwiceIsAccepted() throws {
        let response = try Self.read("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
        #expect(response.body == Array("abc".utf8) && response.bodyEnd == .complete)
    }

    /// A head or chunked body that trickles in one byte at a time costs linear work.
    @Test func byteAtATimeInputStaysLinear() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let head = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Filler: 0123456789012345678901234567890123456789\r\n", count: 250)
        let chunks = String(repeating: "1;" + String(repeating: "e", count: 2000) + "\r\na\r\n", count: 20)
        let response = try Self.read(head + "Transfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n", step: 1)
        #expect(response.head.headers.count == 251)
        #expect(response.body == Array(String(repeating: "a", count: 20).utf8) && response.bodyEnd == .complete)
        #expect(clock.now - started < .seconds(20))
    }
}
