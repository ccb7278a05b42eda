/// The image candidate URLs of a `srcset` attribute (HTML Living Standard, 4.8.4.3,
/// "parse a srcset attribute"): URLs separated by commas, each followed by optional width or
/// density descriptors. Bounded by the attribute's length.
enum SrcsetParser {
    static func urls(_ srcset: String) -> [String] {
        var urls: [String] = []
        var scalars = Substring(srcset).unicodeScalars[...]
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
        }
        while true {
            while let first = scalars.first, isSpace(first) || first == "," { scalars.removeFirst() }
            guard !scalars.isEmpty else { return urls }
            var url = String.UnicodeScalarView()
            while let first = scalars.first, !isSpace(first) {
                url.append(first)
                scalars.removeFirst()
            }
            var text = String(url)
            if text.hasSuffix(",") {
                // The URL ended with commas: no descriptors follow.
                while text.hasSuffix(",") { text.removeLast() }
            } else {
                // Skip the descriptors up to a comma outside parentheses.
                var inParentheses = false
                while let first = scalars.first {
                    scalars.removeFirst()
                    if first == "(" { inParentheses = true }
                    if first == ")" { inParentheses = false }
                    if first == "," && !inParentheses { break }
                }
            }
            if !text.isEmpty { urls.append(text) }
        }
    }
}
