import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// Turns the Markdown that SpeedLab's renderers write (headings, paragraphs, bullet lists,
/// pipe tables, code spans, bold, images and links) into HTML, so a run's report and a
/// comparison read the same on the site as in their files. Every piece of text is escaped
/// again here: the entities the Markdown holds are decoded first, then re-escaped, so
/// nothing in a label can become markup, and only relative links and images are kept.
struct MarkdownHTML {
    /// Where an image named in the Markdown (`chart.svg`) is found from the page.
    var imagePrefix = ""
    /// Links added to the rows of each table under a `## heading`: the href of row i, by heading.
    var rowLinks: [String: [String]] = [:]
    /// The text of the added link cells' header.
    var rowLinkHeader = "point"

    func render(_ markdown: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: [String] = []
        var table: [String] = []
        var heading = ""
        var fence: [String]?

        func flushParagraph() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            if !list.isEmpty {
                out += "<ul>\n" + list.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n"
            }
            list = []
        }
        func flushTable() {
            if !table.isEmpty { out += renderTable(table, links: rowLinks[heading]) }
            table = []
        }
        func flushAll() {
            flushParagraph()
            flushList()
            flushTable()
        }

        for line in Self.lines(of: markdown) {
            if var lines = fence {
                if line.hasPrefix("```") {
                    out += "<pre>" + lines.map(HTMLText.text).joined(separator: "\n") + "</pre>\n"
                    fence = nil
                } else {
                    lines.append(line)
                    fence = lines
                }
                continue
            }
            if line.hasPrefix("```") {
                flushAll()
                fence = []
                continue
            }
            if let level = Self.headingLevel(line) {
                flushAll()
                let text = String(line.dropFirst(level + 1))
                if level == 2 { heading = Self.plain(text) }
                let anchor = Self.anchor(Self.plain(text))
                out += "<h\(level) id=\"\(HTMLText.attribute(anchor))\">" + inline(text) + "</h\(level)>\n"
            } else if line.hasPrefix("|") {
                flushParagraph()
                flushList()
                table.append(line)
            } else if line.hasPrefix("- ") {
                flushParagraph()
                flushTable()
                list.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("  "), !list.isEmpty {
                list[list.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if Self.isBlank(line) {
                flushAll()
            } else {
                flushList()
                flushTable()
                paragraph.append(line)
            }
        }
        if let lines = fence { out += "<pre>" + lines.map(HTMLText.text).joined(separator: "\n") + "</pre>\n" }
        flushAll()
        return out
    }

    /// The lines of `markdown`, split at each line feed. Text without a carriage return (all
    /// that SpeedLab writes) is split byte by byte; with one, the split by Characters keeps a
    /// `\r\n` (one Character) inside its line, as it always did.
    static func lines(of markdown: String) -> [String] {
        let bytes = markdown.utf8
        guard !bytes.contains(UInt8(ascii: "\r")) else {
            return markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(Substring($0))
        }
    }

    /// Whether `line` holds nothing but white space (Foundation's `.whitespaces`).
    static func isBlank(_ line: String) -> Bool {
        let bytes = line.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        return line.trimmingCharacters(in: .whitespaces).isEmpty
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// An id for a heading: lower-case letters, digits and dashes.
    static func anchor(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }

    private func renderTable(_ lines: [String], links: [String]?) -> String {
        let rows = lines.map(Self.cells)
        guard let header = rows.first else { return "" }
        let isSeparator = rows.count > 1 && rows[1].allSatisfy { $0.allSatisfy { "-:| ".contains($0) } }
        let body = Array(rows.dropFirst(isSeparator ? 2 : 1))
        let linked = links.map { $0.count == body.count && header.contains("median ms [95% CI]") } ?? false
        let blankHeader = header.allSatisfy { $0.isEmpty }
        var out = "<div class=\"table\"><table>\n"
        if !blankHeader {
            out += "<thead><tr>"
            if linked { out += "<th>" + HTMLText.text(rowLinkHeader) + "</th>" }
            out += header.map { "<th>" + inline($0) + "</th>" }.joined()
            out += "</tr></thead>\n"
        }
        out += "<tbody>\n"
        for (index, row) in body.enumerated() {
            out += "<tr>"
            if linked, let href = links?[index] {
                out += "<td><a href=\"\(HTMLText.attribute(href))\">history</a></td>"
            }
            for cell in row {
                out += Self.verdict(of: cell).map { "<td class=\"\($0)\">" } ?? "<td>"
                out += inline(cell) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    private static let verdicts = ["regression", "improvement", "unchanged", "failed"]

    /// The verdict a comparison's cell shows (its plain text is the word, or starts with it
    /// and a space), which colours the cell; nil for every other cell. A cell whose first
    /// letter past its markup starts no verdict (most cells) is told by its first bytes.
    static func verdict(of cell: String) -> String? {
        let first = cell.utf8.first { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "`") && $0 > 0x20 }
        guard let first, first >= 0x80 || "rfiu&".utf8.contains(first) else { return nil }
        let plain = plain(cell)
        return verdicts.first { plain == $0 || plain.hasPrefix($0 + " ") }
    }

    /// The cells of a table line, split at `|` that is not escaped.
    static func cells(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|"), !body.hasSuffix("\\|") { body = body.dropLast() }
        // Without a backslash nothing is escaped: the cells are the text between the bars (a
        // bar followed by a combining mark is one Character, not a bar, so it keeps the loop).
        var previous: UInt8 = 0
        let plainBars = body.utf8.allSatisfy { byte in
            defer { previous = byte }
            return byte != UInt8(ascii: "\\") && !(previous == UInt8(ascii: "|") && byte >= 0x80)
        }
        if plainBars {
            return body.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map {
                trimmed(String(Substring($0)))
            }
        }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in body {
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(trimmed(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(trimmed(current))
        return cells
    }

    /// `text` without the white space around it; most cells have none, or only ASCII spaces.
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return text }
        func isPlain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if isPlain(first), isPlain(last) { return text }
        // ASCII spaces and tabs at the ends (a cell's padding) are cut here; anything else at
        // the new ends that could be white space (a non-ASCII scalar) is left to Foundation.
        func isPad(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let start = bytes.firstIndex(where: { !isPad($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !isPad($0) })!
        guard bytes[start] < 0x80, bytes[end] < 0x80 else { return text.trimmingCharacters(in: .whitespaces) }
        return String(Substring(bytes[start...end]))
    }

    /// The text of inline Markdown without its markup (for anchors and matching).
    static func plain(_ text: String) -> String {
        var out = decodeEntities(text)
        if out.utf8.contains(UInt8(ascii: "*")) { out = out.replacingOccurrences(of: "**", with: "") }
        if out.utf8.contains(UInt8(ascii: "`")) { out = out.replacingOccurrences(of: "`", with: "") }
        return trimmed(out)
    }

    /// The three entities SpeedLab's Markdown writes outside code spans, decoded.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Inline Markdown as HTML: code spans, `**bold**`, `![alt](file)` and `[text](href)`.
    func inline(_ text: String) -> String {
        // Text without code spans, bold or links (most cells) is plain text.
        let marked = text.utf8.contains {
            $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "[")
        }
        if !marked { return HTMLText.text(Self.decodeEntities(text)) }
        let characters = Array(text)
        var out = ""
        var plain = ""
        var bold = false
        var index = 0
        func flush() {
            out += HTMLText.text(Self.decodeEntities(plain))
            plain = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                if let close = MarkdownText.closingRun(of: run, in: characters, from: index + run) {
                    flush()
                    var code = String(characters[(index + run)..<close])
                    if code.hasPrefix(" "), code.hasSuffix(" "), code.count > 1 {
                        code = String(code.dropFirst().dropLast())
                    }
                    out += "<code>" + HTMLText.text(code) + "</code>"
                    index = close + run
                    continue
                }
                plain += String(repeating: "`", count: run)
                index += run
                continue
            }
            if character == "*", index + 1 < characters.count, characters[index + 1] == "*" {
                flush()
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                index += 2
                continue
            }
            if character == "!" || character == "[",
                let link = Self.link(in: characters, at: character == "!" ? index + 1 : index)
            {
                flush()
                let label = String(characters[link.label])
                let target = String(characters[link.target])
                if character == "!", Self.isRelative(target) {
                    out +=
                        "<img src=\"\(HTMLText.attribute(imagePrefix + target))\" alt=\"\(HTMLText.attribute(Self.plain(label)))\">"
                } else if character == "[", Self.isRelative(target) {
                    out += "<a href=\"\(HTMLText.attribute(target))\">" + inline(label) + "</a>"
                } else {
                    out += (character == "!" ? "" : inline(label))
                }
                index = link.end
                continue
            }
            plain.append(character)
            index += 1
        }
        flush()
        if bold { out += "</strong>" }
        return out
    }

    /// A relative file name or fragment, never a scheme (`javascript:`, `data:`, `http:`).
    static func isRelative(_ target: String) -> Bool {
        !target.isEmpty
            && target.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || "._-/#".contains($0) }
            && !target.hasPrefix("/") && !target.contains("..")
    }

    private static func link(in characters: [Character], at start: Int)
        -> (label: Range<Int>, target: Range<Int>, end: Int)?
    {
        guard start < characters.count, characters[start] == "[" else { return nil }
        var index = start + 1
        while index < characters.count, characters[index] != "]" { index += 1 }
        guard index + 1 < characters.count, characters[index + 1] == "(" else { return nil }
        let label = (start + 1)..<index
        var close = index + 2
        while close < characters.count, characters[close] != ")" { close += 1 }
        guard close < characters.count else { return nil }
        return (label, (index + 2)..<close, close + 1)
    }
}
