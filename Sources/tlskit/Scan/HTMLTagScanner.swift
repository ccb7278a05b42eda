/// A small, tolerant scanner for the tags of an HTML document, after the tokenizer of the
/// HTML Living Standard (13.2.5) but only as far as finding subresource URLs needs: start
/// tags with their attributes (names lowercased; values double-quoted, single-quoted or
/// unquoted, character references decoded), end tags, and the text of elements whose content
/// is not markup (`script`, `style`, `textarea`, `title`, `noscript`, ...), which is handed
/// over whole instead of being scanned for tags. Comments, doctypes and processing
/// instructions are skipped; a tag cut off by the end of the input is dropped, as browsers do.
///
/// Work is linear in the input, and the number of tokens and attributes is bounded.
enum HTMLTagScanner {
    /// The most tokens returned; the rest of a larger document is not scanned.
    static let maximumTokens = 200_000
    /// The most attributes kept per tag.
    static let maximumAttributes = 256

    /// Elements whose content is text, not tags (RAWTEXT, RCDATA and script data states).
    /// `noscript` counts as text, as it does in a browser that runs scripts.
    static let textElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    ]

    /// The tokens of `document` in order.
    static func tokens(_ document: [UInt8]) -> [HTMLToken] {
        var tokens: [HTMLToken] = []
        let count = document.count
        var index = 0
        while index < count, tokens.count < Self.maximumTokens {
            guard let open = Self.find(UInt8(ascii: "<"), in: document, from: index) else { break }
            let next = open + 1
            guard next < count else { break }
            let byte = document[next]
            if Self.hasPrefix("!--", in: document, at: next) {
                // A comment ends at the first "-->"; "<!-->" and "<!--->" end at once.
                let body = next + 3
                if Self.hasPrefix(">", in: document, at: body) {
                    index = body + 1
                } else if Self.hasPrefix("->", in: document, at: body) {
                    index = body + 2
                } else {
                    index = Self.find("-->", in: document, from: body).map { $0 + 3 } ?? count
                }
            } else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                index = Self.find(UInt8(ascii: ">"), in: document, from: next).map { $0 + 1 } ?? count
            } else if byte == UInt8(ascii: "/") {
                let nameStart = next + 1
                var nameEnd = nameStart
                if nameStart < count, Self.isLetter(document[nameStart]) {
                    while nameEnd < count, !Self.endsName(document[nameEnd]) { nameEnd += 1 }
                    tokens.append(.endTag(Self.lowercased(document[nameStart..<nameEnd])))
                }
                index = Self.find(UInt8(ascii: ">"), in: document, from: nameEnd).map { $0 + 1 } ?? count
            } else if Self.isLetter(byte) {
                guard let (tag, end) = Self.startTag(document, nameStart: next) else { break }
                tokens.append(.startTag(tag))
                index = end
                if Self.textElements.contains(tag.name) {
                    let close = Self.findEndTag(tag.name, in: document, from: end) ?? count
                    tokens.append(.rawText(element: tag.name, text: String(decoding: document[end..<close], as: UTF8.self)))
                    index = close
                }
            } else {
                index = next  // A '<' that starts no tag is text.
            }
        }
        return tokens
    }

    /// The start tag whose name begins at `nameStart`, and the index after its '>'; nil when
    /// the input ends inside the tag.
    private static func startTag(_ document: [UInt8], nameStart: Int) -> (HTMLTag, Int)? {
        let count = document.count
        var index = nameStart
        while index < count, !Self.endsName(document[index]) { index += 1 }
        var tag = HTMLTag(name: Self.lowercased(document[nameStart..<index]), attributes: [])
        while true {
            while index < count, Self.isSpace(document[index]) || document[index] == UInt8(ascii: "/") { index += 1 }
            guard index < count else { return nil }
            if document[index] == UInt8(ascii: ">") { return (tag, index + 1) }
            // The attribute name; a leading '=' belongs to it (13.2.5.32).
            let nameStart = index
            index += 1
            while index < count {
                let byte = document[index]
                if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=") { break }
                index += 1
            }
            let name = Self.lowercased(document[nameStart..<index])
            while index < count, Self.isSpace(document[index]) { index += 1 }
            var value: String?
            if index < count, document[index] == UInt8(ascii: "=") {
                index += 1
                while index < count, Self.isSpace(document[index]) { index += 1 }
                guard index < count else { return nil }
                let quote = document[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = Self.find(quote, in: document, from: index + 1) else { return nil }
                    value = String(decoding: document[(index + 1)..<close], as: UTF8.self)
                    index = close + 1
                } else {
                    let valueStart = index
                    while index < count, !Self.isSpace(document[index]), document[index] != UInt8(ascii: ">") { index += 1 }
                    value = String(decoding: document[valueStart..<index], as: UTF8.self)
                }
            }
            if tag.attributes.count < Self.maximumAttributes {
                tag.attributes.append(HTMLAttribute(name: name, value: value.map(HTMLCharacterReferences.decode)))
            }
        }
    }

    /// Where `</name` (any case) followed by a space, '/' or '>' starts, from `start` on.
    private static func findEndTag(_ name: String, in document: [UInt8], from start: Int) -> Int? {
        let name = Array(name.utf8)
        var index = start
        while let open = Self.find(UInt8(ascii: "<"), in: document, from: index) {
            if open + 1 < document.count, document[open + 1] == UInt8(ascii: "/") {
                let nameStart = open + 2
                let after = nameStart + name.count
                if after <= document.count,
                    zip(document[nameStart..<after], name).allSatisfy({ Self.lowercase($0) == $1 }),
                    after == document.count || Self.endsName(document[after])
                {
                    return open
                }
            }
            index = open + 1
        }
        return nil
    }

    // MARK: Bytes

    private static func find(_ byte: UInt8, in document: [UInt8], from start: Int) -> Int? {
        guard start < document.count else { return nil }
        return document[start...].firstIndex(of: byte)
    }

    private static func find(_ text: String, in document: [UInt8], from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard let first = pattern.first else { return start }
        var index = start
        while let candidate = Self.find(first, in: document, from: index) {
            if Self.hasPrefix(text, in: document, at: candidate) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    private static func hasPrefix(_ text: String, in document: [UInt8], at index: Int) -> Bool {
        let pattern = text.utf8
        guard index >= 0, index + pattern.count <= document.count else { return false }
        return zip(document[index...], pattern).allSatisfy { $0 == $1 }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Tab, LF, FF, CR and space: the tokenizer's whitespace (HTML Living Standard, 13.2.5).
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map(Self.lowercase), as: UTF8.self)
    }
}
