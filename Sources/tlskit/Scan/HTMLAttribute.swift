/// One attribute of an HTML start tag: the name lowercased, the value with character
/// references decoded (nil for an attribute written without `=`).
struct HTMLAttribute: Hashable, Sendable {
    var name: String
    var value: String?
}
