/// Finds the URLs an inline script fetches through a string literal passed straight to
/// `fetch(`, `new EventSource(`, `new WebSocket(`, `navigator.sendBeacon(`, `importScripts(`
/// or `import(`. Other uses of URL strings in scripts (XML namespaces such as
/// `http://www.w3.org/2000/svg`, URLs built at run time) are not reported: only running the
/// script could tell.
enum InlineScriptURLExtractor {
    /// The calls whose first argument is a URL that is fetched.
    static let fetchingCalls = ["fetch", "EventSource", "WebSocket", "sendBeacon", "importScripts", "import"]
    /// The most URLs returned for one script.
    static let maximumURLs = 1000

    /// `(call, url)` for each string literal argument found.
    static func fetchTargets(in script: String) -> [(call: String, url: String)] {
        var results: [(call: String, url: String)] = []
        let text = Array(script.utf8)
        var index = 0
        while index < text.count, results.count < Self.maximumURLs {
            guard text[index] == UInt8(ascii: "(") else {
                index += 1
                continue
            }
            // The identifier right before '(' (spaces allowed between).
            var nameEnd = index
            while nameEnd > 0, text[nameEnd - 1] == 0x20 || text[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            var nameStart = nameEnd
            while nameStart > 0, nameEnd - nameStart < 32, Self.isIdentifierByte(text[nameStart - 1]) { nameStart -= 1 }
            let name = String(decoding: text[nameStart..<nameEnd], as: UTF8.self)
            index += 1
            guard Self.fetchingCalls.contains(name) else { continue }
            var position = index
            while position < text.count, text[position] == 0x20 || text[position] == 0x09 || text[position] == 0x0A { position += 1 }
            guard position < text.count else { break }
            let quote = text[position]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") else { continue }
            var end = position + 1
            while end < text.count, text[end] != quote, text[end] != 0x0A, end - position < 8192 { end += 1 }
            guard end < text.count, text[end] == quote else { continue }
            results.append((name, String(decoding: text[(position + 1)..<end], as: UTF8.self)))
            index = end + 1
        }
        return results
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }
}
