extension String {
    /// The text with CR and LF written as the escapes `\r` and `\n`, on one line.
    func replacingNewlines() -> String {
        var result = ""
        for character in self.unicodeScalars {
            switch character {
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
