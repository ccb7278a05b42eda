/// Where in CSS a URL was found.
enum CSSURLContext: String, Codable, Hashable, Sendable {
    /// `url(...)` in a declaration (backgrounds, cursors, list markers, masks, ...).
    case url = "url()"
    /// `url(...)` inside an `@font-face` rule: a web font.
    case fontFace = "@font-face"
    /// `@import "..."` or `@import url(...)`: a style sheet.
    case importRule = "@import"
}
