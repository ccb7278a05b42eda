/// A URL in CSS text and the construct it appeared in.
struct CSSURLReference: Hashable, Sendable {
    var url: String
    var context: CSSURLContext
}
