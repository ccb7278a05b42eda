/// The files `tlskit cert` reads and writes.
enum CertificateFileNames {
    /// The CA certificate in a CA directory.
    static let caCertificate = "ca.pem"
    /// The CA private key in a CA directory.
    static let caKey = "ca-key.pem"

    /// `DIR/NAME.pem` and `DIR/NAME-key.pem`, the name made safe for a file name.
    static func leaf(directory: String, name: String) -> (certificate: String, key: String) {
        let base = Self.safeFileName(name)
        return (Self.join(directory, base + ".pem"), Self.join(directory, base + "-key.pem"))
    }

    /// Letters, digits, `.`, `-` and `_` kept; `*` becomes `wildcard`; anything else `_`.
    static func safeFileName(_ name: String) -> String {
        var result = ""
        for character in name {
            if character == "*" {
                result += "wildcard"
            } else if character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-" || character == "_") {
                result.append(character)
            } else {
                result.append("_")
            }
        }
        while result.hasPrefix(".") { result.removeFirst() }
        return result.isEmpty ? "certificate" : result
    }

    static func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }
}
