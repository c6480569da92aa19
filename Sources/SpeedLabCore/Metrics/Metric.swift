import Foundation

/// A quantity SpeedLab measures per repetition, with what a reader needs to show and judge
/// it: its name in the store, its unit, which way is better, and its kind.
///
/// Built-in metrics are declared once (``Metric/builtIn``); a command's own metrics (the
/// `NAME=VALUE` lines it writes to `$SPEEDLAB_METRICS`) are ``Metric/custom(_:direction:)``
/// metrics of the same type. Reports, comparisons, histories and the site read metrics through
/// this type, never by a name written out where it is used.
public struct Metric: Sendable, Hashable, CustomStringConvertible {
    /// What a value counts or measures.
    public enum Unit: String, Sendable, Hashable {
        /// Things counted (calls, retries, faults).
        case count = ""
        case milliseconds = "ms"
        case microseconds = "µs"
        case mebibytes = "MiB"
        case bytes = "B"
        /// A rate over a repetition's wall time.
        case perSecond = "/s"
        /// A code or a number without a unit (an exit code, a signal).
        case none = "-"
    }

    /// Which way a change of the metric is better.
    public enum Direction: String, Sendable, Hashable {
        case lowerIsBetter = "lower"
        case higherIsBetter = "higher"
    }

    /// How a repetition's values of the metric become the one value it stores.
    public enum Kind: Sendable, Hashable {
        /// Events counted over the repetition (calls, retries): summed per sample.
        case counter
        /// One reading of the repetition as a whole (peak RSS, client CPU per call, an exit code).
        case gauge
        /// One value per event (per call, per query, per wake-up), summarised per sample by
        /// exact percentiles over every event of the repetition (nearest rank), each stored
        /// under its own name (``name(of:)``).
        case distribution([Percentile])
    }

    /// A statistic a distribution is summarised by.
    public enum Percentile: String, Sendable, Hashable, CaseIterable {
        case p50, p90, p95, p99, max

        /// The fraction of the ranked values at or below it (1 for the maximum).
        public var fraction: Double {
            switch self {
            case .p50: return 0.5
            case .p90: return 0.9
            case .p95: return 0.95
            case .p99: return 0.99
            case .max: return 1
            }
        }
    }

    /// The name of a counter or gauge in the store; for a distribution, the stem of each of
    /// its stored names (`wake_late` → `wake_late_p99_ms`).
    public let name: String
    public let unit: Unit
    public let direction: Direction
    public let kind: Kind
    /// What it is, in a few words, for a column heading's tooltip or the docs.
    public let summary: String

    public init(_ name: String, unit: Unit, direction: Direction = .lowerIsBetter, kind: Kind, summary: String) {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.kind = kind
        self.summary = summary
    }

    /// A command's own metric: a gauge without a unit, lower is better unless said otherwise.
    public static func custom(_ name: String, direction: Direction = .lowerIsBetter) -> Metric {
        Metric(name, unit: .none, direction: direction, kind: .gauge, summary: "reported by the command")
    }

    /// Whether values are summed over a repetition's events.
    public var isCounter: Bool { kind == .counter }

    /// The stored name of one percentile of a distribution: the stem, the statistic and the
    /// unit (`wake_late_p99_ms`, `call_latency_p50_ms`).
    public func name(of percentile: Percentile) -> String {
        unit == .count || unit == .none
            ? "\(name)_\(percentile.rawValue)" : "\(name)_\(percentile.rawValue)_\(unitSuffix)"
    }

    /// The names this metric is stored under: its own, or one per percentile of a distribution.
    public var storedNames: [String] {
        guard case .distribution(let percentiles) = kind else { return [name] }
        return percentiles.map(name(of:))
    }

    /// A column heading: the name in words with its unit (`wake late p99 ms`).
    public func heading(_ percentile: Percentile? = nil) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        let stem = percentile.map { "\(words) \($0.rawValue)" } ?? words
        return unit == .count || unit == .none ? stem : "\(stem) \(unitSuffix)"
    }

    /// The decimals a value is shown with: two for times, one for counts and sizes.
    public var decimals: Int { unit == .milliseconds ? 2 : 1 }

    private var unitSuffix: String {
        switch unit {
        case .microseconds: return "us"
        case .mebibytes: return "mib"
        case .perSecond: return "per_s"
        default: return unit.rawValue
        }
    }

    public var description: String { name }

    /// Exact percentiles of `values` by nearest rank: one entry per percentile of this
    /// distribution, under its stored name; nothing for no values or a metric that is not a
    /// distribution.
    public func percentiles(of values: [Double], scale: Double = 1) -> [String: Double] {
        guard case .distribution(let percentiles) = kind, !values.isEmpty else { return [:] }
        let sorted = values.sorted()
        var out: [String: Double] = [:]
        for percentile in percentiles {
            out[name(of: percentile)] = Self.nearestRank(percentile.fraction, ofSorted: sorted) * scale
        }
        return out
    }

    /// The `fraction` percentile (0.5, 0.99) of non-empty `sorted` values by nearest rank: the
    /// smallest value with at least that share of the values at or below it.
    public static func nearestRank(_ fraction: Double, ofSorted sorted: [Double]) -> Double {
        sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
    }
}
