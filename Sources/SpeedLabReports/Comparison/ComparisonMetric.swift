import SpeedLabCore
import SpeedLabStore

/// What `compare` and `history` measure a point by, and which way is better.
public enum ComparisonMetric: Sendable, Hashable, CaseIterable, RawRepresentable {
    /// Wall time of a repetition; lower is better.
    case wall
    /// CPU time (user + system) of a repetition; lower is better.
    case cpu
    /// The run's baseline median ÷ the repetition's wall time; higher is better.
    case speedup
    /// The point's ideal time ÷ the repetition's wall time; higher is better.
    case efficiency
    /// A metric of each sample (a command's own `tokens_per_s`, a scenario's `retries`): `NAME`
    /// (lower is better) or `NAME:higher`.
    case sample(String, higherIsBetter: Bool)

    public static let allCases: [ComparisonMetric] = [.wall, .cpu, .speedup, .efficiency]

    /// `wall`, `cpu`, `speedup`, `efficiency`, or a sample metric's name, optionally with
    /// `:higher` (or `:lower`, the default).
    public init?(rawValue: String) {
        if let builtIn = Self.allCases.first(where: { $0.rawValue == rawValue }) {
            self = builtIn
            return
        }
        let parts = rawValue.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, let first = name.first, first == "_" || (first.isASCII && first.isLetter),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
        else { return nil }
        // Without a direction, a built-in metric goes its declared way, anything else lower.
        let declared = Metric.builtIn(named: name)?.direction == .higherIsBetter ? "higher" : "lower"
        switch parts.count == 2 ? parts[1] : declared {
        case "lower": self = .sample(name, higherIsBetter: false)
        case "higher": self = .sample(name, higherIsBetter: true)
        default: return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .wall: return "wall"
        case .cpu: return "cpu"
        case .speedup: return "speedup"
        case .efficiency: return "efficiency"
        case .sample(let name, let higher): return higher ? "\(name):higher" : name
        }
    }

    /// The name of a sample metric this follows, if it is one.
    public var sampleMetric: String? {
        if case .sample(let name, _) = self { return name }
        return nil
    }

    public var lowerIsBetter: Bool {
        switch self {
        case .wall, .cpu: return true
        case .speedup, .efficiency: return false
        case .sample(_, let higher): return !higher
        }
    }

    /// Column heading with its unit.
    public var label: String {
        switch self {
        case .wall: return "wall ms"
        case .cpu: return "CPU ms"
        case .speedup: return "speedup ×"
        case .efficiency: return "efficiency"
        case .sample(let name, _): return name
        }
    }

    /// Scale from the stored unit to the shown one (nanoseconds to milliseconds for times).
    public var displayScale: Double {
        switch self {
        case .wall, .cpu: return 1e-6
        default: return 1
        }
    }

    /// Why a point has no values of a metric: it cannot be compared or followed by it.
    public struct Unavailable: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The metric's value for each measured repetition of `point`; throws the reason when the
    /// point has none (no samples, no baseline for speedup, no ideal time for efficiency, or
    /// values that are not finite numbers).
    func values(
        of point: StoredPoint, samples: PointTimings?, baselineMedianWall: Double?
    ) throws(Unavailable) -> [Double] {
        guard let samples, !samples.wallNanos.isEmpty else {
            throw Unavailable(reason: "no measured sample")
        }
        let values: [Double]
        switch self {
        case .wall: values = samples.wallNanos
        case .cpu: values = samples.cpuNanos
        case .speedup:
            guard let baselineMedianWall else { throw Unavailable(reason: "no baseline to compute a speedup against") }
            values = samples.wallNanos.map { baselineMedianWall / $0 }
        case .efficiency:
            guard let ideal = point.idealNanos else {
                throw Unavailable(reason: "no ideal time to compute an efficiency")
            }
            values = samples.wallNanos.map { Double(ideal) / $0 }
        case .sample(let name, _):
            guard !samples.metric.isEmpty else { throw Unavailable(reason: "no measured sample has metric \(name)") }
            values = samples.metric
        }
        guard values.allSatisfy(\.isFinite) else {
            throw Unavailable(reason: "\(rawValue) is not a finite number for every repetition (a wall time of 0?)")
        }
        return values
    }
}
