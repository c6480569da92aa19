import ArgumentParser
import SpeedLabEngine

/// `--repetitions N` (1 to 100000) or `--repetitions auto` (until each median is known to the
/// sweep's precision, default ±1 %).
struct RepetitionsArgument: ExpressibleByArgument, Sendable {
    let count: RepetitionCount

    init?(argument: String) {
        if argument == "auto" {
            count = .auto
            return
        }
        guard let value = Int(argument) else { return nil }
        count = .fixed(value)
    }
}
