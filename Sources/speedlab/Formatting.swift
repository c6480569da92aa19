import Foundation

/// Number and duration formats shared by the subcommands' tables.
enum Formatting {
    static func milliseconds(_ nanos: Double) -> String {
        guard nanos.isFinite else { return "-" }
        let ms = nanos / 1e6
        return ms >= 100
            ? String(format: "%.0f", ms) : ms >= 10 ? String(format: "%.1f", ms) : String(format: "%.2f", ms)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%dh%02dm", total / 3600, total / 60 % 60)
            : String(format: "%dm%02ds", total / 60, total % 60)
    }

    static func bytes(_ count: Int64) -> String {
        let gib = Double(count) / 1_073_741_824
        return gib >= 1 ? String(format: "%.1f GiB", gib) : String(format: "%.0f MiB", Double(count) / 1_048_576)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
