import SpeedLabCore
import SpeedLabScenarios

/// What a plan will cost before it runs (`speedlab run --dry-run`): how many samples, and a
/// lower bound of the time they take, counted without making a single job.
public struct RunEstimate: Sendable, Hashable {
    public var points: Int
    /// Warm-up plus measured samples (saturates at `Int.max` rather than overflowing).
    public var samples: Int
    /// Every sample at its point's ideal time, in seconds: the run cannot be faster.
    public var seconds: Double
    /// The kernel's cost per unit on this machine, measured for the estimate.
    public var kernelNanosPerUnit: Double

    public init(plan: RunPlan, kernelNanosPerUnit: Double, cores: Int) {
        let ideal = IdealTimeTable(points: plan.points, kernelNanosPerUnit: kernelNanosPerUnit, cores: cores)
        var samples = 0
        var nanos = 0.0
        for ordinal in plan.pendingOrdinals {
            let perPoint = plan.warmup + plan.missingRepetitions(plan.entries[ordinal])
            samples = samples > Int.max - perPoint ? Int.max : samples + perPoint
            nanos += Double(perPoint) * (ideal[ordinal]?.nanos ?? 0)
        }
        self.points = plan.entries.count
        self.samples = samples
        self.seconds = nanos / 1e9
        self.kernelNanosPerUnit = kernelNanosPerUnit
    }
}
