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
    /// `<`, `>` and `&` outside code spans become entities, so a label such as
    /// `<script>…</script>` reads as text in every renderer instead of becoming markup.
    public static func inline(_ text: String) -> String {
        escapingHTML(HumanFormat.singleLine(text))
    }

    /// `line` with `<`, `>` and `&` written as entities except inside code spans (a run of
    /// backticks up to the next run of the same length), whose content Markdown never reads
    /// as markup and where an entity would show literally.
    static func escapingHTML(_ line: String) -> String {
        guard line.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" }) else { return line }
        let characters = Array(line)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                if let close = closingRun(of: run, in: characters, from: index + run) {
                    out += String(characters[index..<(close + run)])
                    index = close + run
                } else {
                    out += String(repeating: "`", count: run)
                    index += run
                }
                continue
            }
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
            index += 1
        }
        return out
    }

    /// Where the next run of exactly `length` backticks after `start` begins: the end of a
    /// code span opened by such a run (also what the site's Markdown reader looks for).
    public static func closingRun(of length: Int, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            var run = 0
            while index + run < characters.count, characters[index + run] == "`" { run += 1 }
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// Text for a table cell: one line, with `|` escaped (GitHub requires it even inside code).
    public static func cell(_ text: String) -> String {
        let line = inline(text)
        guard line.contains("|") else { return line }
        return line.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text as inline code: one line, fenced with enough backticks for what it holds.
    public static func code(_ text: String) -> String {
        let line = HumanFormat.singleLine(text)
        guard line.contains("`") else { return "`\(line)`" }
        var fence = "``"
        while line.contains(fence) { fence += "`" }
        return "\(fence) \(line) \(fence)"
    }
}
