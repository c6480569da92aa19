/// TextSpans and tables as GitHub-flavoured Markdown: SpeedLab's words as they are, a user's
/// text escaped by ``MarkdownText/inline(_:)``, code fenced by ``MarkdownText/code(_:)``.
public enum MarkdownSpans {
    public static func write(_ spans: TextSpans) -> String {
        spans.map { span in
            switch span {
            case .plain(let text): return text
            case .text(let text): return MarkdownText.inline(text)
            case .code(let text): return MarkdownText.code(text)
            case .strong(let inner): return "**" + write(inner) + "**"
            case .link(let inner, let href): return "[" + write(inner) + "](" + href + ")"
            }
        }.joined()
    }

    /// The table as a pipe table (cells escaped by ``MarkdownTable``).
    public static func write(_ table: DocumentTable) -> String {
        var markdown = MarkdownTable(header: table.header.map(write))
        for row in table.rows { markdown.append(row.cells.map(write)) }
        return markdown.render()
    }
}
