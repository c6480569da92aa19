import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabStore

/// `speedlab run --dry-run`: the points a run would measure and what it would cost, printed
/// without opening a run, measuring or writing anything.
struct RunDryRun {
    let plan: RunPlan
    /// The status of the run being resumed, if this is a resume.
    var status: RunStatus?
    /// The kernel's cost per unit the resumed run measured at its start (a new run measures it).
    var kernelNanosPerUnit: Double?

    func print(resuming run: RunID?) {
        var table = TextTable(header: ["#", "scenario", "parameters", "baseline", "missing"], rightAligned: [0, 3, 4])
        let pending = Set(plan.pendingOrdinals)
        for entry in plan.entries {
            let point = entry.point
            let missing = plan.missingRepetitions(entry)
            table.rows.append([
                String(point.ordinal), point.scenarioName, point.parameters.description,
                point.baselineOrdinal.map(String.init) ?? "-", pending.contains(point.ordinal) ? String(missing) : "0",
            ])
        }
        Swift.print(table.render(), terminator: "")
        let kernel = kernelNanosPerUnit ?? KernelCalibration.measure().nanosPerUnit
        let estimate = RunEstimate(
            plan: plan, kernelNanosPerUnit: kernel,
            cores: ProcessInfo.processInfo.activeProcessorCount)
        let cost =
            "estimated at least \(HumanFormat.duration(seconds: estimate.seconds)) (kernel: "
            + "\(HumanFormat.fixed(estimate.kernelNanosPerUnit, 1)) ns per unit). Nothing was measured or stored."
        if let run {
            Swift.print(
                "run \(run) is \(status?.rawValue ?? "stored"): resuming it would measure \(plan.missingSamples) "
                    + "missing samples of \(plan.pendingOrdinals.count) points (\(estimate.samples) with warm-ups); "
                    + cost)
        } else {
            Swift.print(
                "\(estimate.points) points × (\(plan.warmup) warm-up + \(plan.repetitions) measured) = "
                    + "\(estimate.samples) samples; " + cost)
        }
    }
}
