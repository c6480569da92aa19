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
    /// Where command points' earlier medians are read from (nil: there is no store yet).
    var store: (any RunDatabase)?

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
        // Command points have no ideal time: they count from an earlier run of the same point,
        // or are said to be unknown, never given a made-up number.
        let commands = CommandEstimates(plan: plan, store: store)
        var cost =
            "estimated at least \(HumanFormat.duration(seconds: estimate.seconds + commands.knownSeconds(plan: plan)))"
        var notes = ["kernel: \(HumanFormat.fixed(estimate.kernelNanosPerUnit, 1)) ns per unit"]
        if !commands.ordinals.isEmpty {
            Swift.print("command points (SpeedLab cannot know what a program costs):")
            for line in commands.lines(plan: plan) { Swift.print(line) }
            func points(_ count: Int) -> String { count == 1 ? "1 command point" : "\(count) command points" }
            if !commands.known.isEmpty { notes.append("\(points(commands.known.count)) at earlier medians") }
            let unknown = commands.ordinals.count - commands.known.count
            if unknown > 0 { notes.append("\(points(unknown)) unknown: a command runs, not counted") }
        }
        cost += " (" + notes.joined(separator: "; ") + "). Nothing was measured or stored."
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
