/// What `HTMLTagScanner` finds in a document, in order.
enum HTMLToken: Hashable, Sendable {
    case startTag(HTMLTag)
    /// An end tag's element name, lowercased.
    case endTag(String)
    /// The text inside an element whose content is not markup (`script`, `style`, `textarea`,
    /// `title`, ...): the element name and the text up to its end tag.
    case rawText(element: String, text: String)
}
