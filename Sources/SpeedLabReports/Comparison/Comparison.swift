import SpeedLabCore
import SpeedLabStore

/// A run compared with a baseline run, point by point: verdicts under false-discovery control,
/// what could not be matched, and how the two environments differ.
public struct Comparison: Sendable {
    /// A field of the environment that differs between the runs.
    public struct Difference: Sendable, Hashable {
        public var field: String
        public var base: String
        public var head: String
    }

    /// A point only one of the runs measured.
    public struct Unmatched: Sendable, Hashable {
        public var run: RunID
        public var point: PointKey
    }

    /// A point both runs hold that could not be compared, and why.
    public struct NotComparable: Sendable, Hashable {
        public var point: PointKey
        public var reason: String
    }

    public var base: StoredRun
    public var head: StoredRun
    public var metric: ComparisonMetric
    public var alpha: Double
    /// Smallest relative change that counts (0.05 = 5%).
    public var threshold: Double
    public var points: [PointComparison]
    public var unmatched: [Unmatched]
    /// Points both runs hold that have no values to compare (listed, never dropped).
    public var notComparable: [NotComparable]
    public var differences: [Difference]
    public var warnings: [ReportWarning]

    public var regressions: [PointComparison] { points.filter { $0.verdict == .regression } }
    public var improvements: [PointComparison] { points.filter { $0.verdict == .improvement } }
    public var unchanged: [PointComparison] { points.filter { $0.verdict == .unchanged } }
    public var hasRegressions: Bool { !regressions.isEmpty }
}
