/// Decodes the character references that matter in URLs inside attribute values (HTML Living
/// Standard, 13.5): numeric ones (`&#58;`, `&#x3A;`) and the common named ones, including
/// those used to hide a scheme (`http&colon;//`). Others are left as written.
enum HTMLCharacterReferences {
    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "sol": "/",
        "period": ".", "commat": "@", "num": "#", "quest": "?", "equals": "=", "percnt": "%",
        "lpar": "(", "rpar": ")", "comma": ",", "semi": ";", "tab": "\t", "newline": "\n", "nbsp": "\u{A0}",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[rest.index(after: ampersand)...]
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(32)
            var consumed = name.count
            var replacement: Character?
            if rest.first == "#" {
                let afterHash = rest.dropFirst()
                let isHex = afterHash.first == "x" || afterHash.first == "X"
                let digits = (isHex ? afterHash.dropFirst() : afterHash)
                    .prefix { isHex ? $0.isHexDigit : ($0 >= "0" && $0 <= "9") }
                consumed = 1 + (isHex ? 1 : 0) + digits.count
                if !digits.isEmpty {
                    let value = digits.count > 8 ? nil : UInt32(digits, radix: isHex ? 16 : 10)
                    replacement = value.flatMap(Unicode.Scalar.init).map(Character.init) ?? "\u{FFFD}"
                }
            } else if let character = Self.named[String(name)] {
                replacement = character
            }
            guard let replacement else {
                result += "&"
                continue
            }
            if rest.dropFirst(consumed).first == ";" { consumed += 1 }
            result.append(replacement)
            rest = rest.dropFirst(consumed)
        }
        result += rest
        return result
    }
}
