import SpeedLabCore

/// A piece of a report's text, whatever the format it is written in: SpeedLab's own words,
/// a user's text (a label, a parameter value, a message), code, emphasis or a link. Each
/// renderer writes spans its own way (``MarkdownSpans``, ``HTMLSpans``), so a user's text is
/// escaped for the format it lands in and never read back as markup.
public enum TextSpan: Sendable, Hashable {
    /// SpeedLab's own words and numbers, free of markup.
    case plain(String)
    /// Text that came from a user or the store: always written as text.
    case text(String)
    /// Code: a parameter set, a command, a flag.
    case code(String)
    case strong([TextSpan])
    /// A link to a file beside the document (a relative path, never a scheme).
    case link([TextSpan], href: String)
}

/// A run of spans: one cell of a table, one paragraph, one list item.
public typealias TextSpans = [TextSpan]

extension Array where Element == TextSpan {
    /// The text without markup (for a heading's anchor, an image's alt text or a verdict).
    public var plainText: String {
        map { span in
            switch span {
            case .plain(let text), .text(let text), .code(let text): return text
            case .strong(let inner), .link(let inner, _): return inner.plainText
            }
        }.joined()
    }
}

extension Array where Element == TextSpan {
    /// SpeedLab's words as one span run.
    public static func words(_ text: String) -> TextSpans { [.plain(text)] }
}
