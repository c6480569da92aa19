import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// Escaping of store text (labels, parameter values, sweep names, hosts, commit ids, error
/// messages) for each place it lands in a page, so none of it can become markup or script.
enum HTMLText {
    /// Text content of an element: one line, `&`, `<`, `>`, `"` and `'` as entities.
    static func text(_ value: String) -> String {
        escape(HumanFormat.singleLine(value))
    }

    /// A quoted attribute value (always written between double quotes).
    static func attribute(_ value: String) -> String {
        escape(HumanFormat.singleLine(value))
    }

    /// Text that may span lines (a sweep file), for a `<pre>` block: each line made safe as
    /// ``text(_:)`` makes one.
    static func block(_ value: String) -> String {
        value.split(separator: "\n", omittingEmptySubsequences: false).map { text(String($0)) }
            .joined(separator: "\n")
    }

    private static func escape(_ value: String) -> String {
        // Bytes rather than characters: the five are ASCII, so each is escaped even where a
        // combining mark follows it, and most text, holding none, is returned after one scan.
        func isSpecial(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard value.utf8.contains(where: isSpecial) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
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
}
