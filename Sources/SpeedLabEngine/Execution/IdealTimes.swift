import SpeedLabCore
import SpeedLabScenarios

/// Lower bounds of every point's wall time.
///
/// The CPU cost of an item is `work × kernelNanosPerUnit`, the kernel's cost measured on this
/// machine when the run starts (best of five). Only the kernel's own cost is a true lower
/// bound: a baseline's CPU time per item also holds the overhead of its waits, which
/// overlapping schedules share, so an ideal built on it could exceed what they achieve.
public enum IdealTimes {
    /// Ideal times by ordinal.
    public static func compute(points: [PlannedPoint], kernelNanosPerUnit: Double, cores: Int) -> [Int: IdealTime] {
        var result: [Int: IdealTime] = [:]
        for point in points {
            let ideal = point.scenario.idealTime(cpuNanosPerItem: cpuPerItem(point, kernelNanosPerUnit), cores: cores)
            if ideal.nanos.isFinite, ideal.nanos >= 0 { result[point.ordinal] = ideal }
        }
        return result
    }

    /// An estimate of a whole run's duration, for `--dry-run`: every scheduled sample at its
    /// ideal time.
    public static func estimateSeconds(plan: RunPlan, kernelNanosPerUnit: Double, cores: Int) -> Double {
        let ideal = compute(points: plan.points, kernelNanosPerUnit: kernelNanosPerUnit, cores: cores)
        return Schedule(plan: plan).batches.joined().reduce(0) { $0 + (ideal[$1.ordinal]?.nanos ?? 0) } / 1e9
    }

    static func cpuPerItem(_ point: PlannedPoint, _ kernelNanosPerUnit: Double) -> Double {
        Double(point.parameters["work"]?.integerValue ?? 0) * kernelNanosPerUnit
    }
}
