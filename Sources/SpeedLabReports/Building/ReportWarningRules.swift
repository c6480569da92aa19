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
                    .debugBuild,
                    [
                        .plain("Measured by a "), .text(env.buildConfiguration),
                        .plain(" build: timings are not representative."),
                    ],
                    remedy: [
                        .plain("Measure a release build: "), .code("swift run -c release speedlab run"), .plain("."),
                    ]))
        }
        if env.loadAverage > busyLoadPerCore * Double(max(1, env.logicalCores)) {
            warnings.append(
                ReportWarning(
                    .highLoad,
                    .words(
                        "Load average was \(HumanFormat.fixed(env.loadAverage, 2)) on \(env.logicalCores) cores when the run started: other work competed for the CPU."
                    ),
                    remedy: .words("Rerun on an idle machine (close builds, browsers, other benchmarks).")))
        }
        switch run.status {
        case .interrupted, .crashed, .running, .failed:
            warnings.append(
                ReportWarning(
                    .incompleteRun, .words("The run is \(run.status.rawValue): some points may lack samples."),
                    remedy: [.plain("Finish it with "), .code("speedlab run --resume \(run.id)"), .plain(".")]))
        case .completed:
            break
        }
        warnings += behindSchedule(rows)
        for row in rows where row.status == .failed {
            warnings.append(
                ReportWarning(
                    .failedPoint,
                    [
                        .text("\(row.scenario) \(row.parameters)"), .plain(" failed: "),
                        row.error.map { .text($0) } ?? .plain("no reason recorded"), .plain("."),
                    ],
                    remedy: row.command != nil
                        ? [
                            .plain(
                                "Fix the command (the end of its stderr is above), or accept such exits as samples with "
                            ),
                            .code("ignore_failure: true"), .plain(" (or a list of exit codes); then "),
                            .code("speedlab run --resume \(run.id)"), .plain("."),
                        ]
                        : .words(
                            "A checksum mismatch means the scenario skipped or repeated work: fix it before trusting its timings."
                        )
                ))
        }
        let severe = rows.filter { $0.severeOutliers > 0 }
        if !severe.isEmpty {
            warnings.append(
                ReportWarning(
                    .outliers,
                    .words(
                        "\(severe.count) of \(rows.count) points have severe outliers (beyond 3 × IQR); they are kept and counted in the tables."
                    ),
                    remedy: .words(
                        "Rerun on a quieter machine or with more repetitions; medians and their CIs resist a few outliers."
                    )
                ))
        }
        if run.repetitions < 5 {
            warnings.append(
                ReportWarning(
                    .fewRepetitions,
                    .words("Only \(run.repetitions) repetitions per point: confidence intervals are wide or absent."),
                    remedy: [
                        .plain("Use at least 5 repetitions ("), .code("--repetitions 5"),
                        .plain(") for intervals worth reading."),
                    ]))
        }
        return warnings
    }

    /// The dispatch delay past which an open loop's sends are late by SpeedLab's doing.
    static let behindScheduleMs = 1.0

    /// Open loops whose requests left late with no `max_concurrency` to wait for: SpeedLab fell
    /// behind its schedule, so the point measured the client, not the server.
    static func behindSchedule(_ rows: [PointRow]) -> [ReportWarning] {
        rows.compactMap { row in
            guard let delay = row.counters[Metric.dispatchDelay.name(of: .p99)], delay > behindScheduleMs,
                (row.parameters["max_concurrency"]?.integerValue ?? 0) == 0
            else { return nil }
            let offered = row.counters[Metric.offeredRate.name].map { HumanFormat.fixed($0, 1) } ?? "?"
            let achieved = row.counters[Metric.achievedRate.name].map { HumanFormat.fixed($0, 1) } ?? "?"
            return ReportWarning(
                .behindSchedule,
                [
                    .text("\(row.scenario) \(row.parameters)"),
                    .plain(
                        ": SpeedLab fell behind its schedule (dispatch delay p99 \(HumanFormat.fixed(delay, 2)) ms); it "
                            + "sent \(achieved) of the \(offered) requests/s asked. This point measured the client, not the server."
                    ),
                ],
                remedy: .words(
                    "Lower the rate, or measure from a machine with cores to spare (the services and SpeedLab share this one)."
                ))
        }
    }
}
