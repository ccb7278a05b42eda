import Foundation

/// Finds the URLs a style sheet (an inline `<style>` element or a `style` attribute) loads:
/// `url(...)` tokens (CSS Syntax Level 3, 4.3.6), `@import` with a string or `url(...)`
/// (CSS Cascading Level 4, Section 2), and which of them sit inside `@font-face` rules. Comments
/// are skipped; escapes are not undone. Linear in the text, with a bounded number of results.
enum CSSURLExtractor {
    /// The most references returned for one piece of CSS.
    static let maximumReferences = 10_000

    static func references(in css: String) -> [CSSURLReference] {
        let text = Array(css.utf8)
        let count = text.count
        var references: [CSSURLReference] = []
        var index = 0
        var depth = 0
        /// The brace depth at which the current `@font-face` block opened, if inside one.
        var fontFaceDepth: Int?
        var pendingFontFace = false
        while index < count, references.count < Self.maximumReferences {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "/") where index + 1 < count && text[index + 1] == UInt8(ascii: "*"):
                index = Self.find("*/", in: text, from: index + 2).map { $0 + 2 } ?? count
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index = Self.stringEnd(text, quoteAt: index)
            case UInt8(ascii: "{"):
                depth += 1
                if pendingFontFace {
                    fontFaceDepth = depth
                    pendingFontFace = false
                }
                index += 1
            case UInt8(ascii: "}"):
                if let open = fontFaceDepth, open == depth { fontFaceDepth = nil }
                depth = max(0, depth - 1)
                index += 1
            case UInt8(ascii: "@"):
                if Self.hasPrefixIgnoringCase("@font-face", in: text, at: index) {
                    pendingFontFace = true
                    index += 10
                } else if Self.hasPrefixIgnoringCase("@import", in: text, at: index) {
                    index += 7
                    while index < count, Self.isSpace(text[index]) { index += 1 }
                    if index < count, text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") {
                        let end = Self.stringEnd(text, quoteAt: index)
                        let valueEnd = max(index + 1, end - 1)
                        references.append(
                            CSSURLReference(url: Self.string(text[(index + 1)..<valueEnd]), context: .importRule))
                        index = end
                    } else if let (url, end) = Self.urlToken(text, at: index) {
                        references.append(CSSURLReference(url: url, context: .importRule))
                        index = end
                    }
                } else {
                    index += 1
                }
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                // `url(` starts a URL only where an identifier starts.
                let startsIdentifier = index == 0 || !Self.isNameByte(text[index - 1])
                if startsIdentifier, let (url, end) = Self.urlToken(text, at: index) {
                    references.append(CSSURLReference(url: url, context: fontFaceDepth == nil ? .url : .fontFace))
                    index = end
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        return references
    }

    /// `url(...)` at `index`, with a quoted or unquoted value: the URL without surrounding
    /// spaces and the index after the ')'.
    private static func urlToken(_ text: [UInt8], at index: Int) -> (String, Int)? {
        guard Self.hasPrefixIgnoringCase("url(", in: text, at: index) else { return nil }
        var position = index + 4
        while position < text.count, Self.isSpace(text[position]) { position += 1 }
        guard position < text.count else { return nil }
        let url: String
        if text[position] == UInt8(ascii: "\"") || text[position] == UInt8(ascii: "'") {
            let end = Self.stringEnd(text, quoteAt: position)
            url = Self.string(text[(position + 1)..<max(position + 1, end - 1)])
            position = end
        } else {
            let start = position
            while position < text.count, text[position] != UInt8(ascii: ")"), !Self.isSpace(text[position]) { position += 1 }
            url = Self.string(text[start..<position])
        }
        while position < text.count, text[position] != UInt8(ascii: ")") { position += 1 }
        return (url, min(position + 1, text.count))
    }

    /// The index after the string that starts with the quote at `quoteAt` (backslash escapes
    /// honoured; a newline or the end of the text ends a bad string).
    private static func stringEnd(_ text: [UInt8], quoteAt start: Int) -> Int {
        let quote = text[start]
        var index = start + 1
        while index < text.count {
            let byte = text[index]
            if byte == quote { return index + 1 }
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == 0x0A { return index }
            index += 1
        }
        return text.count
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func find(_ pattern: String, in text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < text.count {
            if Self.hasPrefixIgnoringCase(pattern, in: text, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func hasPrefixIgnoringCase(_ pattern: String, in text: [UInt8], at index: Int) -> Bool {
        let pattern = pattern.utf8
        guard index + pattern.count <= text.count else { return false }
        return zip(text[index...], pattern).allSatisfy { byte, wanted in
            (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) == wanted
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// A byte that can continue a CSS identifier (CSS Syntax Level 3, 4.2).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
