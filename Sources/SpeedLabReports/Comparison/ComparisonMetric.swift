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

    /// The metric's value for each measured repetition of `point`, or nil when the point has
    /// none (no baseline for speedup, no ideal time for efficiency).
    func values(of point: StoredPoint, samples: PointSamples?, baselineMedianWall: Double?) -> [Double]? {
        guard let samples, !samples.wallNanos.isEmpty else { return nil }
        switch self {
        case .wall: return samples.wallNanos
        case .cpu: return samples.cpuNanos
        case .speedup:
            guard let baselineMedianWall else { return nil }
            return samples.wallNanos.map { baselineMedianWall / $0 }
        case .efficiency:
            guard let ideal = point.idealNanos else { return nil }
            return samples.wallNanos.map { Double(ideal) / $0 }
        }
    }
}
