/// A parsed Strict-Transport-Security header value (RFC 6797, Section 6.1), plus the
/// `preload` directive of the browsers' preload list (https://hstspreload.org).
///
/// Directive names are case-insensitive, values may be tokens or quoted strings, unknown
/// directives are ignored, and a directive that appears twice makes the whole header invalid
/// (RFC 6797, Section 6.1, rules 2 to 4).
struct StrictTransportSecurityPolicy: Hashable, Sendable {
    /// `max-age` in seconds (RFC 6797, Section 6.1.1); values beyond 2^31 are cut to 2^31 as
    /// for other delta-seconds (RFC 9111, Section 1.2.2).
    var maxAge: Int
    var includeSubDomains: Bool
    var preload: Bool

    /// The largest max-age kept, 2^31 seconds (about 68 years).
    static let maximumMaxAge = 2_147_483_648
    /// Half a year (182.5 days), the lowest max-age worth having.
    static let sixMonths = 15_768_000
    /// One year, the least the preload list accepts.
    static let oneYear = 31_536_000
    /// Two years, Mozilla's recommendation (https://infosec.mozilla.org/guidelines/web_security).
    static let twoYears = 63_072_000
    /// The longest header value parsed.
    static let maximumLength = 4096

    /// Whether the preload list would take the site by this header: max-age of a year or
    /// more, includeSubDomains and preload (https://hstspreload.org, "Submission Requirements").
    var isPreloadEligible: Bool {
        self.maxAge >= Self.oneYear && self.includeSubDomains && self.preload
    }

    /// Parses one header field value.
    /// - Throws: `StrictTransportSecurityError` naming the rule broken.
    static func parse(_ value: String) throws(StrictTransportSecurityError) -> StrictTransportSecurityPolicy {
        guard value.utf8.count <= Self.maximumLength else {
            throw StrictTransportSecurityError("the header is longer than \(Self.maximumLength) bytes")
        }
        var maxAge: Int?
        var includeSubDomains = false
        var preload = false
        var seen: Set<String> = []
        for directive in try Self.directives(value) {
            guard seen.insert(directive.name).inserted else {
                throw StrictTransportSecurityError(
                    "the directive '\(directive.name)' appears more than once, which makes the header invalid (RFC 6797, Section 6.1)")
            }
            switch directive.name {
            case "max-age":
                guard let text = directive.value else {
                    throw StrictTransportSecurityError("max-age has no value; write max-age=SECONDS")
                }
                maxAge = try Self.deltaSeconds(text)
            case "includesubdomains":
                guard directive.value == nil else {
                    throw StrictTransportSecurityError("includeSubDomains takes no value (RFC 6797, Section 6.1.2)")
                }
                includeSubDomains = true
            case "preload":
                guard directive.value == nil else {
                    throw StrictTransportSecurityError("preload takes no value")
                }
                preload = true
            default:
                break  // Unknown directives are ignored (RFC 6797, Section 6.1, rule 5).
            }
        }
        guard let maxAge else {
            throw StrictTransportSecurityError("the required max-age directive is missing (RFC 6797, Section 6.1.1)")
        }
        return StrictTransportSecurityPolicy(maxAge: maxAge, includeSubDomains: includeSubDomains, preload: preload)
    }

    /// delta-seconds: 1*DIGIT, here possibly inside a quoted string.
    private static func deltaSeconds(_ text: String) throws(StrictTransportSecurityError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw StrictTransportSecurityError("max-age '\(text.prefix(40))' is not a whole number of seconds")
        }
        let digits = text.drop { $0 == "0" }
        guard digits.count <= 10, let seconds = Int(digits.isEmpty ? "0" : String(digits)) else {
            return Self.maximumMaxAge
        }
        return min(seconds, Self.maximumMaxAge)
    }

    /// The directives separated by ';' outside quoted strings: lowercased names and their
    /// values (quotes and escapes removed).
    private static func directives(_ value: String) throws(StrictTransportSecurityError) -> [(name: String, value: String?)] {
        var result: [(name: String, value: String?)] = []
        var scalars = Array(value.unicodeScalars)[...]
        while true {
            Self.skipWhitespace(&scalars)
            guard let first = scalars.first else { break }
            if first == ";" {
                scalars.removeFirst()
                continue
            }
            var name = ""
            while let next = scalars.first, next != "=", next != ";", next != " ", next != "\t" {
                name.unicodeScalars.append(next)
                scalars.removeFirst()
            }
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw StrictTransportSecurityError("'\(name.prefix(40))' is not a valid directive name")
            }
            Self.skipWhitespace(&scalars)
            var directiveValue: String?
            if scalars.first == "=" {
                scalars.removeFirst()
                Self.skipWhitespace(&scalars)
                if scalars.first == "\"" {
                    directiveValue = try Self.quotedString(&scalars)
                } else {
                    var token = ""
                    while let next = scalars.first, next != ";", next != " ", next != "\t" {
                        token.unicodeScalars.append(next)
                        scalars.removeFirst()
                    }
                    guard !token.isEmpty, token.utf8.allSatisfy(Self.isTokenByte) else {
                        throw StrictTransportSecurityError("the value of '\(name)' is empty or not a valid token")
                    }
                    directiveValue = token
                }
                Self.skipWhitespace(&scalars)
            }
            guard scalars.isEmpty || scalars.first == ";" else {
                throw StrictTransportSecurityError("unexpected text after the directive '\(name)'; separate directives with ';'")
            }
            result.append((name.lowercased(), directiveValue))
        }
        return result
    }

    /// A quoted-string (RFC 9110, Section 5.6.4) at the start of `scalars`, without its quotes.
    private static func quotedString(_ scalars: inout ArraySlice<Unicode.Scalar>) throws(StrictTransportSecurityError) -> String {
        scalars.removeFirst()
        var text = ""
        while let next = scalars.first {
            scalars.removeFirst()
            switch next {
            case "\"":
                return text
            case "\\":
                guard let escaped = scalars.first else { break }
                scalars.removeFirst()
                text.unicodeScalars.append(escaped)
            default:
                text.unicodeScalars.append(next)
            }
        }
        throw StrictTransportSecurityError("a quoted value is missing its closing '\"'")
    }

    private static func skipWhitespace(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let next = scalars.first, next == " " || next == "\t" {
            scalars.removeFirst()
        }
    }

    /// tchar (RFC 9110, Section 5.6.2).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
