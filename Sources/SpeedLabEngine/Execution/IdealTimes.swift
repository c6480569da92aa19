import SpeedLabCore
import SpeedLabScenarios

/// Lower bounds of every point's wall time, from the per-item CPU cost its baseline measured.
///
/// A point's baseline (or the point itself, for a baseline) gives `cpuNanosPerItem` =
/// median CPU time of a repetition ÷ its `tasks`; the scenario's own bound does the rest.
public enum IdealTimes {
    /// Ideal nanoseconds by ordinal, for points whose baseline has a CPU median.
    public static func compute(points: [PlannedPoint], medianCPUNanos: [Int: Double], cores: Int) -> [Int: Int64] {
        var result: [Int: Int64] = [:]
        for point in points {
            let base = point.baselineOrdinal ?? point.ordinal
            guard let cpu = medianCPUNanos[base], points.indices.contains(base) else { continue }
            let perItem = cpu / Double(max(1, points[base].tasks))
            let ideal = point.scenario.idealNanos(cpuNanosPerItem: perItem, cores: cores)
            if ideal.isFinite, ideal >= 0 { result[point.ordinal] = Int64(ideal.rounded()) }
        }
        return result
    }

    /// An estimate of a whole run's duration, for `--dry-run`: every scheduled sample at its
    /// ideal time, with the kernel's cost per unit measured on this machine.
    public static func estimateSeconds(plan: RunPlan, kernelNanosPerUnit: Double, cores: Int) -> Double {
        let schedule = Schedule(plan: plan)
        var nanos = 0.0
        for job in schedule.batches.joined() {
            let point = plan.points[job.ordinal]
            let work = Double(point.parameters["work"]?.integerValue ?? 0)
            nanos += point.scenario.idealNanos(cpuNanosPerItem: work * kernelNanosPerUnit, cores: cores)
        }
        return nanos / 1e9
    }
}
