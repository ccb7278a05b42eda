import Foundation

/// Reads one HTTP/1.x response from bytes as they arrive (RFC 9112): the status line and
/// header fields (at most `headLimit` bytes), then the body framed by Transfer-Encoding:
/// chunked, Content-Length, or the end of the connection (RFC 9112, Section 6.3), keeping at
/// most `bodyLimit` bytes of it. Interim 1xx responses are skipped (RFC 9110, Section 15.2).
///
/// Feed bytes with `receive(_:)` until it returns true, or until the connection ends, then
/// call `finish()`. Nothing the server sends can make it use more than the limits allow.
struct HTTPResponseReader {
    /// The most bytes of status line and header fields read (64 KiB by default).
    let headLimit: Int
    /// The most body bytes kept (2 MiB by default).
    let bodyLimit: Int
    /// Stop after the head, without reading the body (for the plain HTTP redirect probe).
    let headOnly: Bool

    /// The most header fields in one head.
    static let maximumHeaderFields = 256
    /// The longest chunk-size line, with extensions (RFC 9112, Section 7.1.1).
    static let maximumChunkSizeLine = 4096
    /// The most interim (1xx) responses skipped before the final one.
    static let maximumInterimResponses = 8

    private enum State {
        case head
        case fixedLength(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done(HTTPBodyEnd)
    }

    private var state = State.head
    private var buffer: [UInt8] = []
    private var offset = 0
    /// How far a search for a line end has looked without finding one, so that the next
    /// search resumes there: bytes that trickle in one at a time cost linear work, not quadratic.
    private var searchedUpTo = 0
    private var interimResponses = 0
    private var trailerBytes = 0
    private(set) var head: ParsedHTTPResponseHead?
    private(set) var body: [UInt8] = []

    init(headLimit: Int = 64 * 1024, bodyLimit: Int = 2 * 1024 * 1024, headOnly: Bool = false) {
        self.headLimit = max(headLimit, 64)
        self.bodyLimit = max(bodyLimit, 0)
        self.headOnly = headOnly
    }

    /// Whether the response is complete (or reading stopped at a limit) and no more bytes are needed.
    var isComplete: Bool {
        if case .done = self.state { return true }
        return false
    }

    /// Takes the next bytes from the connection; returns true when no more are needed.
    /// - Throws: `HTTPResponseParseError` when the head is malformed or larger than `headLimit`.
    @discardableResult
    mutating func receive(_ bytes: some Sequence<UInt8>) throws(HTTPResponseParseError) -> Bool {
        guard !self.isComplete else { return true }
        self.buffer.append(contentsOf: bytes)
        try self.process()
        self.compact()
        return self.isComplete
    }

    /// The response once the connection has ended (or `receive` returned true).
    /// - Throws: `HTTPResponseParseError` when the connection ended before a whole head arrived.
    mutating func finish() throws(HTTPResponseParseError) -> ParsedHTTPResponse {
        let end: HTTPBodyEnd
        switch self.state {
        case .head:
            if self.buffer.count == self.offset && self.head == nil {
                throw HTTPResponseParseError("the server closed the connection without sending a response")
            }
            throw HTTPResponseParseError("the server closed the connection in the middle of the response head")
        case .done(let reason): end = reason
        case .untilClose: end = .closeDelimited
        case .fixedLength, .chunkSize, .chunkData, .chunkDataEnd, .trailers: end = .truncated
        }
        guard let head = self.head else {
            throw HTTPResponseParseError("the server closed the connection without sending a response")
        }
        self.state = .done(end)
        return ParsedHTTPResponse(head: head, body: self.body, bodyEnd: end)
    }

    // MARK: Processing

    private mutating func process() throws(HTTPResponseParseError) {
        while true {
            switch self.state {
            case .head:
                guard let end = self.findHeadEnd() else {
                    if self.buffer.count - self.offset > self.headLimit {
                        throw HTTPResponseParseError(
                            "the response head is larger than \(self.headLimit) bytes; the server sent too many or too long header fields")
                    }
                    return
                }
                let headBytes = self.buffer[self.offset..<end.start]
                self.offset = end.next
                self.searchedUpTo = self.offset
                let head = try Self.parseHead(headBytes)
                if (100...199).contains(head.statusCode) && head.statusCode != 101 {
                    self.interimResponses += 1
                    guard self.interimResponses <= Self.maximumInterimResponses else {
                        throw HTTPResponseParseError("the server sent more than \(Self.maximumInterimResponses) interim (1xx) responses")
                    }
                    continue
                }
                self.head = head
                self.state = try self.framing(for: head)
            case .fixedLength(let remaining):
                let available = self.buffer.count - self.offset
                guard available > 0 else { return }
                let take = min(available, remaining)
                guard self.keep(self.buffer[self.offset..<(self.offset + take)]) else { return }
                self.offset += take
                self.state = remaining - take == 0 ? .done(.complete) : .fixedLength(remaining: remaining - take)
            case .untilClose:
                let available = self.buffer.count - self.offset
                guard available > 0 else { return }
                guard self.keep(self.buffer[self.offset...]) else { return }
                self.offset = self.buffer.count
                return
            case .chunkSize:
                guard let line = self.nextLine(limit: Self.maximumChunkSizeLine) else {
                    if self.buffer.count - self.offset > Self.maximumChunkSizeLine {
                        self.state = .done(.malformedChunk)
                    }
                    return
                }
                guard let size = Self.chunkSize(line) else {
                    self.state = .done(.malformedChunk)
                    return
                }
                self.state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = self.buffer.count - self.offset
                guard available > 0 else { return }
                let take = min(available, remaining)
                guard self.keep(self.buffer[self.offset..<(self.offset + take)]) else { return }
                self.offset += take
                self.state = remaining - take == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .chunkDataEnd:
                guard let line = self.nextLine(limit: 2) else {
                    if self.buffer.count - self.offset > 2 { self.state = .done(.malformedChunk) }
                    return
                }
                self.state = line.isEmpty ? .chunkSize : .done(.malformedChunk)
            case .trailers:
                guard let line = self.nextLine(limit: self.headLimit) else {
                    if self.buffer.count - self.offset > self.headLimit { self.state = .done(.malformedChunk) }
                    return
                }
                self.trailerBytes += line.count + 2
                if line.isEmpty {
                    self.state = .done(.complete)
                } else if self.trailerBytes > self.headLimit {
                    self.state = .done(.malformedChunk)
                }
            case .done:
                return
            }
        }
    }

    /// Appends body bytes up to the limit; false (and done) once the limit is reached.
    private mutating func keep(_ bytes: ArraySlice<UInt8>) -> Bool {
        let room = self.bodyLimit - self.body.count
        if bytes.count > room {
            self.body.append(contentsOf: bytes.prefix(room))
            self.state = .done(.limitReached)
            return false
        }
        self.body.append(contentsOf: bytes)
        if self.body.count == self.bodyLimit, case .untilClose = self.state {
            // Nothing tells whether more follows; stop here rather than wait for a close.
            self.state = .done(.limitReached)
            return false
        }
        return true
    }

    /// The body framing for `head` (RFC 9112, Section 6.3).
    private func framing(for head: ParsedHTTPResponseHead) throws(HTTPResponseParseError) -> State {
        if self.headOnly {
            return .done(.notRead)
        }
        if (100...199).contains(head.statusCode) || head.statusCode == 204 || head.statusCode == 304 {
            return .done(.complete)
        }
        let transferCodings = head.values(named: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        if !transferCodings.isEmpty {
            // Chunked must come last; otherwise the body ends with the connection.
            return transferCodings.last == "chunked" ? .chunkSize : .untilClose
        }
        let lengths = head.values(named: "Content-Length")
            .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }) else {
                throw HTTPResponseParseError("the response has conflicting Content-Length values (\(lengths.joined(separator: ", ")))")
            }
            guard !first.isEmpty, first.count <= 18, first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(first) else {
                throw HTTPResponseParseError("the response's Content-Length '\(first.prefix(40))' is not a number of bytes")
            }
            return length == 0 ? .done(.complete) : .fixedLength(remaining: length)
        }
        return .untilClose
    }

    // MARK: Lines

    /// The range of the head (without its final empty line) and where the body starts; accepts
    /// bare LF line ends as RFC 9112, Section 2.2 allows.
    private mutating func findHeadEnd() -> (start: Int, next: Int)? {
        var index = max(self.offset, self.searchedUpTo - 2)
        let limit = min(self.buffer.count, self.offset + self.headLimit + 4)
        defer { self.searchedUpTo = max(self.searchedUpTo, index) }
        while index < limit {
            if self.buffer[index] == 0x0A {
                if index + 1 < self.buffer.count && self.buffer[index + 1] == 0x0A {
                    return (index, index + 2)
                }
                if index + 2 < self.buffer.count && self.buffer[index + 1] == 0x0D && self.buffer[index + 2] == 0x0A {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    /// The next line without its CRLF (or LF), consuming it; nil when no whole line of at
    /// most `limit` bytes is buffered yet.
    private mutating func nextLine(limit: Int) -> ArraySlice<UInt8>? {
        var index = max(self.offset, self.searchedUpTo)
        let end = min(self.buffer.count, self.offset + limit + 2)
        while index < end {
            if self.buffer[index] == 0x0A {
                var lineEnd = index
                if lineEnd > self.offset && self.buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = self.buffer[self.offset..<lineEnd]
                self.offset = index + 1
                self.searchedUpTo = self.offset
                return line
            }
            index += 1
        }
        self.searchedUpTo = max(self.searchedUpTo, index)
        return nil
    }

    /// Drops consumed bytes once they are many, so the buffer stays small.
    private mutating func compact() {
        if self.offset == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: true)
            self.searchedUpTo = 0
            self.offset = 0
        } else if self.offset > 64 * 1024 {
            self.buffer.removeFirst(self.offset)
            self.searchedUpTo = max(0, self.searchedUpTo - self.offset)
            self.offset = 0
        }
    }

    // MARK: Parsing

    /// The size of a chunk-size line (`1a;ext=x`), nil when it is not hexadecimal or too large.
    static func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case 0x30...0x39: value = Int(byte - 0x30)
            case 0x41...0x46: value = Int(byte - 0x41 + 10)
            case 0x61...0x66: value = Int(byte - 0x61 + 10)
            case 0x3B, 0x20, 0x09:  // ';' starts extensions; whitespace before them (BWS)
                return digits > 0 ? size : nil
            default: return nil
            }
            digits += 1
            guard digits <= 15 else { return nil }
            size = size * 16 + value
        }
        return digits > 0 ? size : nil
    }

    /// The status line and header fields (RFC 9112, Sections 4 and 5).
    static func parseHead(_ bytes: ArraySlice<UInt8>) throws(HTTPResponseParseError) -> ParsedHTTPResponseHead {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 0x0D ? line.dropLast() : line
        }
        guard !lines.isEmpty else { throw HTTPResponseParseError("the response is empty") }
        let statusLine = String(decoding: lines.removeFirst(), as: UTF8.self)
        guard statusLine.hasPrefix("HTTP/") else {
            throw HTTPResponseParseError("the server did not answer with HTTP (it sent '\(Self.printable(statusLine))')")
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[1].count == 3, let code = Int(parts[1]), (100...999).contains(code) else {
            throw HTTPResponseParseError("the status line '\(Self.printable(statusLine))' has no three-digit status code")
        }
        var headers: [HTTPHeaderField] = []
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09 {
                // obs-fold: a continuation of the previous field (RFC 9112, Section 5.2).
                guard !headers.isEmpty else {
                    throw HTTPResponseParseError("the response head starts with a folded line")
                }
                headers[headers.count - 1].value += " " + String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A) else {
                throw HTTPResponseParseError("the header line '\(Self.printable(String(decoding: line, as: UTF8.self)))' has no ':'")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenCharacter) else {
                throw HTTPResponseParseError("the header name '\(Self.printable(name))' is not a valid field name")
            }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeaderField(name: name, value: value))
            guard headers.count <= Self.maximumHeaderFields else {
                throw HTTPResponseParseError("the response has more than \(Self.maximumHeaderFields) header fields")
            }
        }
        return ParsedHTTPResponseHead(
            version: String(parts[0]), statusCode: code, reasonPhrase: parts.count > 2 ? String(parts[2]) : "", headers: headers)
    }

    /// tchar (RFC 9110, Section 5.6.2).
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// At most 80 characters of `text`, control characters replaced, for error messages.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(80).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
