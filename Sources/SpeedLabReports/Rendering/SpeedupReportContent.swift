import SpeedLabCore
import SpeedLabStore

/// What a speedup report says, before it is written in a format: its title, its tables and
/// its sentences as ``TextSpans``, user text marked as text. The Markdown renderer
/// (``SpeedupReportRenderer``) and the HTML renderer (``SpeedupReportHTML``) write the same
/// content, each in its own way.
struct SpeedupReportContent {
    let report: SpeedupReport
    let scenarioSummaries: [String: String]

    /// `SpeedLab report — run 12 (nightly)`.
    var title: TextSpans {
        var title: TextSpans = [.plain("SpeedLab report — run \(report.run.id)")]
        if let label = report.run.label { title += [.plain(" ("), .text(label), .plain(")")] }
        return title
    }

    /// The run's sweep, start, duration, status, schedule and size, as a key/value table.
    var runTable: DocumentTable {
        let run = report.run
        var table = DocumentTable(headings: ["", ""])
        table.append([.words("Sweep"), [.code(run.sweepName), .plain(" from "), .text(run.sweepSource)]])
        table.append([.words("Started"), .words("\(HumanFormat.timestamp(run.startedAt)) UTC")])
        table.append([
            .words("Duration"),
            .words(HumanFormat.duration(seconds: run.durationSeconds(now: run.finishedAt ?? run.startedAt))),
        ])
        table.append([.words("Status"), .words(run.status.rawValue)])
        table.append([.words("Schedule"), .words(Self.schedule(run))])
        table.append([.words("Points"), .words("\(run.pointCount), \(run.sampleCount) measured samples")])
        return table
    }

    /// How many repetitions each point got, in words.
    static func schedule(_ run: StoredRun) -> String {
        let rest = "after \(run.warmup) warm-up, interleaved; seed \(run.seed)"
        guard let rule = run.adaptive else { return "\(run.repetitions) measured repetitions per point \(rest)" }
        return "repetitions auto: until the median's 95% CI is within ±\(HumanFormat.fixed(rule.precision * 100, 1))% "
            + "(\(rule.minimum) to \(rule.maximum) per point, at most \(HumanFormat.fixed(rule.budgetSeconds, 0)) s "
            + "measured per point) \(rest)"
    }

    /// The machine, the build and what this machine charged: the kernel's cost per unit and,
    /// for runs with http points, the round trip of an empty request (median of 300).
    var environmentTable: DocumentTable {
        let env = report.run.environment
        let roundTrip = report.run.httpRoundTripNanos
        var headings = [
            "host", "CPU", "logical cores", "memory", "OS", "kernel", "Swift", "build", "commit", "load at start",
            "kernel cost",
        ]
        if roundTrip != nil { headings.append("http round trip") }
        var table = DocumentTable(headings: headings)
        let build: TextSpans = [.text(env.buildConfiguration)]
        var cells: [TextSpans] = [
            [.text(env.host)], [.text(env.cpuModel)], .words(String(env.logicalCores)),
            .words("\(HumanFormat.fixed(Double(env.memoryBytes) / 1_073_741_824, 1)) GiB"),
            [.text(env.operatingSystem)], [.text(env.kernel)], [.text(env.swiftVersion)],
            env.isDebugBuild ? [.strong(build)] : build,
            env.gitCommit.map { [.code(String($0.prefix(12)))] } ?? .words("-"),
            .words(HumanFormat.fixed(env.loadAverage, 2)),
            .words("\(HumanFormat.fixed(report.run.kernelNanosPerUnit, 2)) ns/unit"),
        ]
        if let roundTrip { cells.append(.words("\(HumanFormat.fixed(roundTrip / 1e3, 1)) µs")) }
        table.append(cells)
        return table
    }

    /// The sentence above the headline table.
    static let headlineIntro = "The targets of the asyncio chapter SpeedLab comes from, beside this run's best results."

    /// The scenarios' targets (I/O concurrency 5×, CPU parallel 3–4×, hybrid +40%, agent 2.5×) beside the run's best results, or nil when the run has none.
    var headlineTable: DocumentTable? {
        guard !report.headline.isEmpty else { return nil }
        var table = DocumentTable(headings: ["target", "goal", "this run", "verdict", "note"])
        for target in report.headline {
            table.append([
                .words(target.target), .words(target.goal), [.text(target.measured)], .words(target.verdict.rawValue),
                [.text(target.note)],
            ])
        }
        return table
    }

    /// `The best speedup of a command against its baseline: **7.61×** [95% CI 7.55, 7.65], …`.
    static func bestSpeedupLine(_ best: BestSpeedup) -> TextSpans {
        [
            .plain("The best speedup of a command against its baseline: "),
            .strong(.words("\(HumanFormat.fixed(best.speedup.value, 2))×")),
            .plain(
                " [95% CI \(HumanFormat.fixed(best.speedup.lower, 2)), \(HumanFormat.fixed(best.speedup.upper, 2))], "
            ),
            .text(best.point), .plain(" against "), .text(best.baseline), .plain("."),
        ]
    }

    /// The paragraphs between a section's heading and its table: the scenario's summary, how
    /// a command was measured, and the parameters fixed across the section.
    func sectionIntro(_ section: SpeedupReport.Section) -> [TextSpans] {
        var paragraphs: [TextSpans] = []
        if let summary = scenarioSummaries[section.scenario] {
            paragraphs.append(.words("\(summary.prefix(1).uppercased() + summary.dropFirst())."))
        }
        if let measured = CommandSectionText.measuredLine(section) { paragraphs.append(measured) }
        if !section.fixedParameters.names.isEmpty {
            paragraphs.append([.plain("Fixed: "), .code(section.fixedParameters.description)])
        }
        return paragraphs
    }

    /// One row per point: swept parameters, medians with CIs, speedups, efficiency, CPU,
    /// bottleneck, counts, the metric columns that apply, and a command's own metrics.
    func pointTable(_ section: SpeedupReport.Section) -> DocumentTable {
        let counters = ReportColumn.shown.filter { column in
            section.rows.contains { column.applies(to: $0.counters) }
        }
        let adaptive = section.rows.contains { $0.reachedPrecision != nil }
        let isCommand = CommandSectionText.isCommand(section)
        let ownMetrics = CommandSectionText.ownMetrics(section)
        // A command's parameters and metrics are named by the user, so they could be named like
        // a column of the table (`n`, `efficiency`): its parameters are headed as the placeholders
        // that take them (`{n}`), and a metric named like another column gets ` (metric)`.
        let fixed =
            [
                "baseline ms", "median ms [95% CI]", "speedup [95% CI]", "ideal speedup", "efficiency",
                "CPU (cores)", "bottleneck", "n", "outliers (mild/severe)",
            ] + (adaptive ? ["precision"] : []) + counters.map(\.heading) + (isCommand ? ["peak RSS MiB"] : [])
        let parameterNames = section.sweptParameters.map { isCommand ? "{\($0)}" : $0 }
        let metricHeaders = ownMetrics.map { name in
            (fixed + parameterNames).contains(name) ? "\(name) (metric)" : name
        }
        var table = DocumentTable(
            header: parameterNames.map { [.text($0)] } + fixed.map(TextSpans.words) + metricHeaders.map { [.text($0)] })
        for row in section.rows {
            var cells: [TextSpans] = section.sweptParameters.map {
                row.parameters[$0].map { [.text($0.canonicalText)] } ?? .words("-")
            }
            var figures: [String] = [HumanFormat.milliseconds(row.baselineMedianNanos)]
            figures.append(
                row.wall.map {
                    "\(HumanFormat.milliseconds($0.value)) [\(HumanFormat.milliseconds($0.lower)), "
                        + "\(HumanFormat.milliseconds($0.upper))]"
                } ?? "-")
            figures.append(
                row.speedup.map {
                    "\(HumanFormat.fixed($0.value, 2))× [\(HumanFormat.fixed($0.lower, 2)), \(HumanFormat.fixed($0.upper, 2))]"
                } ?? "-")
            figures.append(row.idealSpeedup.map { "\(HumanFormat.fixed($0, 2))×" } ?? "-")
            figures.append(row.efficiency.map { HumanFormat.fixed($0, 2) } ?? "-")
            figures.append(row.cpuUtilisation.map { HumanFormat.fixed($0, 2) } ?? "-")
            cells += figures.map(TextSpans.words)
            cells.append(row.status == .failed ? [.strong(.words("failed"))] : .words(row.bottleneck?.rawValue ?? "-"))
            var counts = [String(row.samples), "\(row.mildOutliers)/\(row.severeOutliers)"]
            if adaptive { counts.append(Self.precision(row)) }
            counts += counters.map { column in
                column.applies(to: row.counters) ? row.counters[column.storedName].map(column.format) ?? "-" : "-"
            }
            if isCommand { counts.append(row.counters[Metric.peakRSS.name].map { HumanFormat.fixed($0, 1) } ?? "-") }
            counts += ownMetrics.map { name in row.counters[name].map { HumanFormat.fixed($0, 2) } ?? "-" }
            cells += counts.map(TextSpans.words)
            table.append(
                cells, point: PointKey(scenario: row.scenario, parameters: row.parameters),
                verdict: row.status == .failed ? "failed" : nil)
        }
        return table
    }

    /// `±0.8%`, or `±2.1% (not reached)` for a point that stopped at its maximum or budget.
    static func precision(_ row: PointRow) -> String {
        guard let width = row.relativeHalfWidth else { return row.reachedPrecision == false ? "not reached" : "-" }
        return "±\(HumanFormat.fixed(width * 100, 2))%" + (row.reachedPrecision == false ? " (not reached)" : "")
    }

    /// How every figure was measured and computed, one bullet each (with the bullet on
    /// command points when the report has them).
    var method: [TextSpans] {
        var bullets = ReportMethod.bullets
        if report.sections.contains(where: CommandSectionText.isCommand) {
            bullets.append(CommandSectionText.methodBullet)
        }
        return bullets
    }
}
