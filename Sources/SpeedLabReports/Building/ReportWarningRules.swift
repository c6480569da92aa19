import SpeedLabCore
import SpeedLabStore

/// The warnings a run's report opens with, each with its remedy.
enum ReportWarningRules {
    /// Load average per core above which the machine was busy when the run started.
    static let busyLoadPerCore = 0.5

    static func make(run: StoredRun, rows: [PointRow]) -> [ReportWarning] {
        var warnings: [ReportWarning] = []
        let env = run.environment
        if env.isDebugBuild {
            warnings.append(
                ReportWarning(
                    .debugBuild, "Measured by a \(env.buildConfiguration) build: timings are not representative.",
                    remedy: "Measure a release build: `swift run -c release speedlab run`."))
        }
        if env.loadAverage > busyLoadPerCore * Double(max(1, env.logicalCores)) {
            warnings.append(
                ReportWarning(
                    .highLoad,
                    "Load average was \(HumanFormat.fixed(env.loadAverage, 2)) on \(env.logicalCores) cores when the run started: other work competed for the CPU.",
                    remedy: "Rerun on an idle machine (close builds, browsers, other benchmarks)."))
        }
        switch run.status {
        case .interrupted, .crashed, .running, .failed:
            warnings.append(
                ReportWarning(
                    .incompleteRun, "The run is \(run.status.rawValue): some points may lack samples.",
                    remedy: "Finish it with `speedlab run --resume \(run.id)`."))
        case .completed:
            break
        }
        for row in rows where row.status == .failed {
            warnings.append(
                ReportWarning(
                    .failedPoint, "\(row.scenario) \(row.parameters) failed: \(row.error ?? "no reason recorded").",
                    remedy: row.command != nil
                        ? "Fix the command (the end of its stderr is above), or accept such exits as samples with "
                            + "`ignore_failure: true` (or a list of exit codes); then `speedlab run --resume \(run.id)`."
                        : "A checksum mismatch means the scenario skipped or repeated work: fix it before trusting its timings."
                ))
        }
        let severe = rows.filter { $0.severeOutliers > 0 }
        if !severe.isEmpty {
            warnings.append(
                ReportWarning(
                    .outliers,
                    "\(severe.count) of \(rows.count) points have severe outliers (beyond 3 × IQR); they are kept and counted in the tables.",
                    remedy:
                        "Rerun on a quieter machine or with more repetitions; medians and their CIs resist a few outliers."
                ))
        }
        if run.repetitions < 5 {
            warnings.append(
                ReportWarning(
                    .fewRepetitions,
                    "Only \(run.repetitions) repetitions per point: confidence intervals are wide or absent.",
                    remedy: "Use at least 5 repetitions (`--repetitions 5`) for intervals worth reading."))
        }
        return warnings
    }
}
