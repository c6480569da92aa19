import Foundation
import SpeedLabCore

/// A GitHub-flavoured Markdown table whose cells are escaped, so user input in them (labels,
/// parameter values, file paths, error messages) cannot break its rows or columns.
public struct MarkdownTable: Sendable {
    public var header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) {
        self.header = header
    }

    /// Adds a row; missing cells are left empty, extra cells dropped.
    public mutating func append(_ cells: [String]) {
        rows.append((0..<header.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    /// The table, its header, separator and rows each on a line, with a final line break.
    public func render() -> String {
        var out = Self.line(header)
        out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += Self.line(row) }
        return out
    }

    private static func line(_ cells: [String]) -> String {
        "|" + cells.map { $0.isEmpty ? " " : " \(MarkdownText.cell($0)) " }.joined(separator: "|") + "|\n"
    }
}

/// Escaping of user input for the places it lands in Markdown.
public enum MarkdownText {
    /// Text for one line (a heading, a list item): line breaks become spaces and other control
    /// characters (terminal escape sequences among them) are dropped.
    public static func inline(_ text: String) -> String {
        HumanFormat.singleLine(text)
    }

    /// Text for a table cell: one line, with `|` escaped (GitHub requires it even inside code).
    public static func cell(_ text: String) -> String {
        let line = inline(text)
        guard line.contains("|") else { return line }
        return line.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text as inline code: one line, fenced with enough backticks for what it holds.
    public static func code(_ text: String) -> String {
        let line = inline(text)
        guard line.contains("`") else { return "`\(line)`" }
        var fence = "``"
        while line.contains(fence) { fence += "`" }
        return "\(fence) \(line) \(fence)"
    }
}
