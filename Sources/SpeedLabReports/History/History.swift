import SpeedLabCore
import SpeedLabStore

/// The series of each point across runs, with the change points found in it and, at each,
/// what changed between the runs on either side.
public struct History: Sendable {
    /// One run's median of a point.
    public struct Entry: Sendable, Hashable {
        public var run: StoredRun
        public var samples: Int
        /// Median of the metric over the run's measured repetitions, in its stored unit.
        public var median: Double
    }

    /// A step in a series: where it starts, the means on either side, and the likely cause.
    public struct Change: Sendable, Hashable {
        /// Index in ``Series/entries`` of the first run after the step.
        public var index: Int
        public var run: StoredRun
        public var previousRun: StoredRun
        public var meanBefore: Double
        public var meanAfter: Double
        public var changePercent: Double
        public var pValue: Double
        /// What differs between the two runs (commit, Swift, build configuration, host, sweep).
        public var explanation: [String]
    }

    /// The history of one point (scenario and parameters).
    public struct Series: Sendable, Hashable {
        /// The host every run of the series was measured on; nil when the series mixes hosts
        /// (`--all-hosts`).
        public var host: String?
        public var scenario: String
        public var parameters: ParameterPoint
        public var entries: [Entry]
        public var changes: [Change]
        /// The series' run-to-run noise relative to its level (nil under 3 runs).
        public var noise: Double?
        /// The smallest step that counts as a change in this series (fraction).
        public var minimumChange: Double
    }

    public var metric: ComparisonMetric
    public var filter: HistoryFilter
    public var series: [Series]
    /// The floor of the minimum change (`--min-change`), as a fraction.
    public var minimumChangeFloor: Double

    /// The hosts the history's runs were measured on, sorted.
    public var hosts: [String] {
        Set(series.flatMap { $0.entries.map(\.run.environment.host) }).sorted()
    }
}
