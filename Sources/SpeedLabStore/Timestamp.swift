import Foundation

/// ISO 8601 UTC timestamps as the store writes them (`2026-11-25T01:02:03.456Z`).
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash)
                .time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    public static func date(_ text: String) -> Date? {
        if let date = try? Date(
            text,
            strategy: .iso8601.year().month().day().dateSeparator(.dash)
                .time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
        {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}
