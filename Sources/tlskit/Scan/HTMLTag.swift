/// An HTML start tag: the element name lowercased and its attributes in order.
struct HTMLTag: Hashable, Sendable {
    var name: String
    var attributes: [HTMLAttribute]

    /// The value of the first attribute named `name` (lowercase); the HTML parser ignores
    /// later duplicates (HTML Living Standard, 13.2.5.33).
    func attribute(_ name: String) -> String? {
        self.attributes.first { $0.name == name }?.value
    }
}
