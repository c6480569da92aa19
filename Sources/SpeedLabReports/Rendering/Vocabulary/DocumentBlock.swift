import SpeedLabCore

/// A block of a document before it is written in a format: a heading, a paragraph, a table or
/// a bullet list. ``MarkdownSpans`` and ``HTMLSpans`` write a list of blocks each their own way.
public enum DocumentBlock: Sendable, Hashable {
    case heading(Int, TextSpans)
    case paragraph(TextSpans)
    case table(DocumentTable)
    case list([TextSpans])
    /// Something the reader must not miss (a Markdown block quote, an HTML warning).
    case note(TextSpans)
    /// An image beside the document: its alternative text and its file.
    case image(alt: String, file: String)
}

extension MarkdownSpans {
    /// Blocks as Markdown, each followed by a blank line.
    public static func write(_ blocks: [DocumentBlock]) -> String {
        blocks.map { block in
            switch block {
            case .heading(let level, let spans):
                return String(repeating: "#", count: level) + " " + write(spans) + "\n\n"
            case .paragraph(let spans): return write(spans) + "\n\n"
            case .table(let table): return write(table) + "\n"
            case .list(let items): return items.map { "- " + write($0) + "\n" }.joined() + "\n"
            case .note(let spans): return "> " + write(spans) + "\n\n"
            case .image(let alt, let file): return "![\(MarkdownText.inline(alt))](\(file))\n\n"
            }
        }.joined()
    }
}

extension HTMLSpans {
    /// Blocks as HTML; rows about a point link to `pointLink`'s page when given.
    public static func write(_ blocks: [DocumentBlock], pointLink: ((PointKey) -> String)? = nil) -> String {
        blocks.map { block in
            switch block {
            case .heading(let level, let spans): return heading(level, spans)
            case .paragraph(let spans): return paragraph(spans)
            case .table(let table): return write(table, pointLink: pointLink)
            case .list(let items): return list(items)
            case .note(let spans): return "<p class=\"warning\">" + write(spans) + "</p>\n"
            case .image(let alt, let file): return "<p>" + image(file, alt: alt) + "</p>\n"
            }
        }.joined()
    }
}
