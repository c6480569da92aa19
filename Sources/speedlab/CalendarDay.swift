import ArgumentParser
import Foundation

/// `--since 2026-11-01`: the start of a day in UTC.
struct CalendarDay: ExpressibleByArgument, Sendable {
    let start: Date

    init?(argument: String) {
        guard argument.count == 10, let date = try? Date("\(argument)T00:00:00Z", strategy: .iso8601) else {
            return nil
        }
        start = date
    }
}
