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
        HTMLSpans.escape(value)
    }
}
