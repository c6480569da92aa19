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
    /// User text (a label, a host, a parameter value, a message) as plain text on one line:
    /// line breaks become spaces, other control characters (terminal escape sequences among
    /// them) are dropped, `<`, `>` and `&` become entities, and every character Markdown could
    /// read as markup is backslash-escaped — backticks, `*`, `[`, `]`, `(` and `)` after a
    /// bracket, `!` before one, `~`, `\` and a `_` that could open or close emphasis — so no
    /// CommonMark or Python-Markdown renderer makes a link, an image, code or emphasis of it.
    public static func inline(_ text: String) -> String {
        let characters = Array(HumanFormat.singleLine(text))
        var out = ""
        out.reserveCapacity(characters.count)
        for index in characters.indices { out += escape(characters[index], at: index, in: characters) }
        return out
    }

    /// One character of user text as Markdown reads it back as that character.
    private static func escape(_ character: Character, at index: Int, in characters: [Character]) -> String {
        switch character {
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "&": return "&amp;"
        case "\\", "`", "*", "[", "]", "~": return "\\\(character)"
        case "!" where index + 1 < characters.count && characters[index + 1] == "[": return "\\!"
        case "(" where index > 0 && characters[index - 1] == "]": return "\\("
        case "_"
        where !isWordCharacter(before: index, in: characters) || !isWordCharacter(after: index, in: characters):
            return "\\_"
        default: return String(character)
        }
    }

    /// Whether the character before `index` is a letter or digit (an intraword `_` never
    /// opens or closes emphasis, so `latency_ms` is written as it is).
    private static func isWordCharacter(before index: Int, in characters: [Character]) -> Bool {
        index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber)
    }

    private static func isWordCharacter(after index: Int, in characters: [Character]) -> Bool {
        index + 1 < characters.count && (characters[index + 1].isLetter || characters[index + 1].isNumber)
    }

    /// `line` with `<` and `>` written as entities except inside code spans (a run of
    /// backticks up to the next run of the same length), whose content Markdown never reads
    /// as markup and where an entity would show literally. `&` is left as it is, so user text
    /// already escaped by ``inline(_:)`` is not escaped twice.
    static func escapingHTML(_ line: String) -> String {
        guard line.contains(where: { $0 == "<" || $0 == ">" }) else { return line }
        return escapingOutsideCode(line) { character, _, _ in
            switch character {
            case "<": return "&lt;"
            case ">": return "&gt;"
            default: return nil
            }
        }
    }

    /// SpeedLab's own sentence that carries user text (a warning naming a command's stderr, a
    /// remedy naming a flag): one line, its code spans kept as code, and everything outside
    /// them escaped as ``inline(_:)`` escapes user text.
    public static func prose(_ text: String) -> String {
        escapingOutsideCode(HumanFormat.singleLine(text)) { character, index, characters in
            let escaped = escape(character, at: index, in: characters)
            return escaped == String(character) ? nil : escaped
        }
    }

    /// `line` with each character outside code spans replaced by what `replacement` gives
    /// (nil keeps it).
    private static func escapingOutsideCode(
        _ line: String, _ replacement: (Character, Int, [Character]) -> String?
    ) -> String {
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
            if let replaced = replacement(character, index, characters) {
                out += replaced
            } else {
                out.append(character)
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

    /// A table cell of SpeedLab's own Markdown (numbers, code spans, emphasis, and user text
    /// already escaped by ``inline(_:)``): one line, `<` and `>` outside code spans as
    /// entities, and `|` escaped (GitHub requires it even inside code).
    public static func cell(_ text: String) -> String {
        let line = escapingHTML(HumanFormat.singleLine(text))
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
