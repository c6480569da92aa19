import SpeedLabCore

/// TextSpans and tables as HTML: every text escaped (`&`, `<`, `>`, `"`, `'` as entities) on one
/// line, code in `<code>`, emphasis in `<strong>`, and only relative links kept.
public enum HTMLSpans {
    public static func write(_ spans: TextSpans) -> String {
        spans.map { span in
            switch span {
            case .plain(let text), .text(let text): return escape(text)
            case .code(let text): return "<code>" + escape(text) + "</code>"
            case .strong(let inner): return "<strong>" + write(inner) + "</strong>"
            case .link(let inner, let href):
                guard isRelative(href) else { return write(inner) }
                return "<a href=\"\(escape(href))\">" + write(inner) + "</a>"
            }
        }.joined()
    }

    /// The table in a scrolling wrapper; with `pointLink`, a first column links each row
    /// about a point to that point's page, and a verdict colours its row's cells.
    public static func write(_ table: DocumentTable, pointLink: ((PointKey) -> String)? = nil) -> String {
        let linked = pointLink != nil && table.rows.contains { $0.point != nil }
        var out = "<div class=\"table\"><table>\n"
        if !table.hasBlankHeader {
            out += "<thead><tr>"
            if linked { out += "<th>point</th>" }
            out += table.header.map { "<th>" + write($0) + "</th>" }.joined()
            out += "</tr></thead>\n"
        }
        out += "<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            if linked {
                if let point = row.point, let href = pointLink?(point) {
                    out += "<td><a href=\"\(escape(href))\">history</a></td>"
                } else {
                    out += "<td></td>"
                }
            }
            for cell in row.cells {
                // The cell that states the row's verdict (its text is the word, or starts with it) is coloured.
                let text = cell.plainText
                if let verdict = row.verdict, text == verdict || text.hasPrefix(verdict + " ") {
                    out += "<td class=\"\(escape(verdict))\">" + write(cell) + "</td>"
                } else {
                    out += "<td>" + write(cell) + "</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// A heading with an anchor made of its text (`id="environment"`).
    public static func heading(_ level: Int, _ spans: TextSpans) -> String {
        "<h\(level) id=\"\(escape(anchor(spans.plainText)))\">" + write(spans) + "</h\(level)>\n"
    }

    public static func paragraph(_ spans: TextSpans) -> String {
        "<p>" + write(spans) + "</p>\n"
    }

    /// A bullet list, one item per span run.
    public static func list(_ items: [TextSpans]) -> String {
        "<ul>\n" + items.map { "<li>" + write($0) + "</li>\n" }.joined() + "</ul>\n"
    }

    /// An image beside the page (a relative path; anything else is left out).
    public static func image(_ source: String, alt: String) -> String {
        guard isRelative(source) else { return escape(alt) }
        return "<img src=\"\(escape(source))\" alt=\"\(escape(alt))\">"
    }

    /// An id for a heading: lower-case ASCII letters, digits and dashes (`section` if none).
    public static func anchor(_ text: String) -> String {
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

    /// An element's text: one line, the five special characters as entities. Bytes rather
    /// than characters: each is ASCII, so it is escaped even where a combining mark follows it.
    public static func escape(_ value: String) -> String {
        let line = HumanFormat.singleLine(value)
        guard line.utf8.contains(where: { "&<>\"'".utf8.contains($0) }) else { return line }
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count + 16)
        for byte in line.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A relative file name or fragment, never a scheme (`javascript:`, `data:`, `http:`).
    public static func isRelative(_ target: String) -> Bool {
        !target.isEmpty
            && target.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || "._-/#".contains($0) }
            && !target.hasPrefix("/") && !target.contains("..")
    }
}
