/// Names found per protocol version (groups, signature schemes): nil where that version was
/// not probed, with a note on what could and could not be determined.
struct VersionedNames: Codable, Sendable, Hashable {
    var tls13: [String]?
    var tls12: [String]?
    var note: String?
}
