import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStatistics
import SpeedLabStore

/// One point's history on one host as the site shows it: per run the median with its
/// distribution-free 95% CI and the measured samples, and the change points found in it.
struct SiteSeries: Sendable {
    /// One run's measurement of the point.
    struct Entry: Sendable {
        var run: StoredRun
        /// When the run started, as pages show it (UTC).
        var when: String
        var median: Double
        var lower: Double
        var upper: Double
        /// Measured wall times in nanoseconds, in repetition order.
        var samples: [Double]
    }

    /// A step with the false-discovery-adjusted q-value across every step of the site.
    struct Change: Sendable {
        var change: History.Change
        var qValue: Double
        /// The mean level after the step relative to before (+0.3 = 30% slower).
        var shift: Double { change.meanBefore == 0 ? .nan : change.meanAfter / change.meanBefore - 1 }
    }

    var id: String
    var key: PointKey
    /// The host of every run of the series; nil when the site mixes hosts.
    var host: String?
    var entries: [Entry]
    var changes: [Change]

    var title: String { key.description }

    /// The latest median relative to the one before (+0.05 = 5% slower); NaN under two runs.
    var latestChange: Double {
        guard entries.count > 1, let last = entries.last else { return .nan }
        let previous = entries[entries.count - 2].median
        return previous == 0 ? .nan : last.median / previous - 1
    }

    /// The entry of each run, by run id.
    func entry(ofRun run: RunID) -> Entry? {
        entries.first { $0.run.id == run }
    }
}

extension SiteSeries.Entry {
    /// The entry of `samples` measured by `run`; nil without a finite sample.
    init?(run: StoredRun, when: String, samples: [Double]) {
        guard let sorted = try? SortedSample(samples) else { return nil }
        let interval = try? MedianConfidenceInterval(samples)
        self.init(
            run: run, when: when, median: sorted.median, lower: interval?.lower ?? sorted.median,
            upper: interval?.upper ?? sorted.median, samples: samples)
    }
}
