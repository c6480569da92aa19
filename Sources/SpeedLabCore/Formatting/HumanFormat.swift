import Foundation

/// How SpeedLab writes numbers, durations and times for people: one vocabulary shared by the
/// terminal (progress, summary, `runs`, `show`) and the Markdown reports, so the same value
/// reads the same everywhere. CSV files, written for machines, do not use it.
public enum HumanFormat {
    /// `value` with `digits` decimals, or `-` when it is not a finite number.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        return FixedDecimal.format(value, digits: digits) ?? String(format: "%.\(digits)f", value)
    }

    /// Nanoseconds as milliseconds with three significant figures or more (`1234`, `12.3`,
    /// `4.56`, `0.789`), or `-` when there is no finite value.
    public static func milliseconds(_ nanos: Double?) -> String {
        guard let nanos, nanos.isFinite else { return "-" }
        let ms = nanos / 1e6
        switch abs(ms) {
        case 100...: return fixed(ms, 0)
        case 10..<100: return fixed(ms, 1)
        case 1..<10: return fixed(ms, 2)
        default: return fixed(ms, 3)
        }
    }

    /// A span of seconds: `12.3 s` under a minute, `4m05s` under an hour, `2h03m04s` beyond.
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 60 { return "\(fixed(seconds, 1)) s" }
        if seconds >= 3_600 * 24 * 366 { return "\(fixed(seconds / (3_600 * 24 * 365.25), 0)) years" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours == 0 { return String(format: "%dm%02ds", minutes, rest) }
        return String(format: "%dh%02dm%02ds", hours, minutes, rest)
    }

    /// A span of time, as ``duration(seconds:)`` writes it.
    public static func duration(_ span: Duration) -> String {
        duration(seconds: Double(span.components.seconds) + Double(span.components.attoseconds) * 1e-18)
    }

    /// A countdown for progress lines: `0:07`, `1:05`, `1:02:03`.
    public static func clock(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours == 0 { return String(format: "%d:%02d", minutes, rest) }
        return String(format: "%d:%02d:%02d", hours, minutes, rest)
    }

    /// A moment in UTC to the second: `2026-11-25 01:02:03`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).dateTimeSeparator(.space)
                .time(includingFractionalSeconds: false).timeSeparator(.colon))
    }

    /// A byte count in MiB under a GiB, in GiB with one decimal from there.
    public static func bytes(_ count: Int64) -> String {
        let gib = Double(count) / 1_073_741_824
        return gib >= 1 ? "\(fixed(gib, 1)) GiB" : "\(fixed(Double(count) / 1_048_576, 0)) MiB"
    }

    /// User text on one line: line breaks and tabs become spaces, other control characters
    /// (terminal escape sequences among them) are dropped, so a label cannot break a table or
    /// move the cursor, wherever it is printed.
    public static func singleLine(_ text: String) -> String {
        // Printable ASCII throughout (most text) holds nothing to replace or drop.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out.append(" ")
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): continue
            case _ where isBidiControl(scalar): continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The invisible marks that reorder or isolate text (U+202A–U+202E, U+2066–U+2069, the
    /// left-to-right, right-to-left and Arabic letter marks): a label holding them can make a
    /// line read other than it is, so they are dropped like control characters.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// A relative change as a signed percentage with one decimal: `+12.3%`, `-0.4%`.
    public static func percentChange(_ change: Double) -> String {
        guard change.isFinite else { return "-" }
        return (change >= 0 ? "+" : "") + fixed(change * 100, 1) + "%"
    }
}
