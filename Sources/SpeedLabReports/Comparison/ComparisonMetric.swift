import SpeedLabStore

/// What `compare` and `history` measure a point by, and which way is better.
public enum ComparisonMetric: String, Sendable, CaseIterable {
    /// Wall time of a repetition; lower is better.
    case wall
    /// CPU time (user + system) of a repetition; lower is better.
    case cpu
    /// The run's baseline median ÷ the repetition's wall time; higher is better.
    case speedup
    /// The point's ideal time ÷ the repetition's wall time; higher is better.
    case efficiency

    public var lowerIsBetter: Bool { self == .wall || self == .cpu }

    /// Column heading with its unit.
    public var label: String {
        switch self {
        case .wall: return "wall ms"
        case .cpu: return "CPU ms"
        case .speedup: return "speedup ×"
        case .efficiency: return "efficiency"
        }
    }

    /// Scale from the stored unit to the shown one (nanoseconds to milliseconds for times).
    public var displayScale: Double { lowerIsBetter ? 1e-6 : 1 }

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
        }
        guard values.allSatisfy(\.isFinite) else {
            throw Unavailable(reason: "\(rawValue) is not a finite number for every repetition (a wall time of 0?)")
        }
        return values
    }
}
