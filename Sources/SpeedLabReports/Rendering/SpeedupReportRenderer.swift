import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``SpeedupReport``: Markdown (header, environment, warnings with remedies, the
/// headline targets, one table per scenario with its charts, the method), `points.csv`, and
/// one SVG chart per swept parameter of each scenario.
public struct SpeedupReportRenderer: DocumentRenderer {
    /// One-line descriptions of the scenarios, shown under their headings.
    public var scenarioSummaries: [String: String]
    /// Which files ``files(_:)`` writes; without `svg`, the Markdown links no chart.
    public var formats: Set<ReportFiles.Format>

    public init(
        scenarioSummaries: [String: String] = [:], formats: Set<ReportFiles.Format> = Set(ReportFiles.Format.allCases)
    ) {
        self.scenarioSummaries = scenarioSummaries
        self.formats = formats
    }

    /// SVG charts, then `report.md`, then `points.csv`, as `formats` asks.
    public func files(_ report: SpeedupReport) -> [RenderedFile] {
        let charts = charts(report)
        var files = report.sections.flatMap { charts[$0.scenario] ?? [] }.map {
            RenderedFile(name: $0.fileName, text: $0.svg)
        }
        if formats.contains(.md) {
            files.append(RenderedFile(name: "report.md", text: markdown(report, charts: charts)))
        }
        if formats.contains(.csv) { files.append(RenderedFile(name: "points.csv", text: csv(report))) }
        return files
    }

    /// `points.csv`: one row per point with every figure of the report.
    public func csv(_ report: SpeedupReport) -> String {
        CSVRenderer().points(report)
    }

    public func markdown(_ report: SpeedupReport) -> String {
        markdown(report, charts: charts(report))
    }

    private func charts(_ report: SpeedupReport) -> [String: [SVGChartFile]] {
        guard formats.contains(.svg) else { return [:] }
        return Dictionary(uniqueKeysWithValues: report.sections.map { ($0.scenario, SVGChart.charts(for: $0)) })
    }

    private func markdown(_ report: SpeedupReport, charts: [String: [SVGChartFile]]) -> String {
        var out = header(report)
        out += environment(
            report.run.environment, kernel: report.run.kernelNanosPerUnit, roundTrip: report.run.httpRoundTripNanos)
        out += warnings(report.warnings)
        out += headline(report.headline, best: report.bestCommandSpeedup)
        for section in report.sections { out += table(section, charts: charts[section.scenario] ?? []) }
        out += method
        if report.sections.contains(where: CommandSectionText.isCommand) {
            var blankLines = ""  // the method's trailing blank lines go after the commands' bullet
            while out.hasSuffix("\n") {
                out.removeLast()
                blankLines += "\n"
            }
            out += "\n" + CommandSectionText.methodBullet + blankLines
        }
        return out
    }

    private func header(_ report: SpeedupReport) -> String {
        let run = report.run
        let title = "# SpeedLab report — run \(run.id)" + (run.label.map { " (\(MarkdownText.inline($0)))" } ?? "")
        var table = MarkdownTable(header: ["", ""])
        table.append(["Sweep", "\(MarkdownText.code(run.sweepName)) from \(MarkdownText.inline(run.sweepSource))"])
        table.append(["Started", "\(HumanFormat.timestamp(run.startedAt)) UTC"])
        table.append([
            "Duration", HumanFormat.duration(seconds: run.durationSeconds(now: run.finishedAt ?? run.startedAt)),
        ])
        table.append(["Status", run.status.rawValue])
        table.append(["Schedule", Self.schedule(run)])
        table.append(["Points", "\(run.pointCount), \(run.sampleCount) measured samples"])
        return title + "\n\n" + table.render() + "\n"
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
    private func environment(_ env: RunEnvironment, kernel: Double, roundTrip: Double?) -> String {
        var header = [
            "host", "CPU", "logical cores", "memory", "OS", "kernel", "Swift", "build", "commit", "load at start",
            "kernel cost",
        ]
        if roundTrip != nil { header.append("http round trip") }
        var table = MarkdownTable(header: header)
        var cells = [
            MarkdownText.inline(env.host), MarkdownText.inline(env.cpuModel), String(env.logicalCores),
            "\(HumanFormat.fixed(Double(env.memoryBytes) / 1_073_741_824, 1)) GiB",
            MarkdownText.inline(env.operatingSystem), MarkdownText.inline(env.kernel),
            MarkdownText.inline(env.swiftVersion),
            env.isDebugBuild
                ? "**\(MarkdownText.inline(env.buildConfiguration))**" : MarkdownText.inline(env.buildConfiguration),
            env.gitCommit.map { MarkdownText.code(String($0.prefix(12))) } ?? "-",
            HumanFormat.fixed(env.loadAverage, 2),
            "\(HumanFormat.fixed(kernel, 2)) ns/unit",
        ]
        if let roundTrip { cells.append("\(HumanFormat.fixed(roundTrip / 1e3, 1)) µs") }
        table.append(cells)
        return "## Environment\n\n" + table.render() + "\n"
    }

    private func warnings(_ warnings: [ReportWarning]) -> String {
        guard !warnings.isEmpty else { return "## Warnings\n\nNone.\n\n" }
        return "## Warnings\n\n" + Self.warningList(warnings) + "\n"
    }

    /// Warnings as a Markdown list, each with its remedy (shared with comparisons).
    static func warningList(_ warnings: [ReportWarning]) -> String {
        warnings.map { "- **\(MarkdownText.prose($0.message))** Remedy: \(MarkdownText.prose($0.remedy))\n" }.joined()
    }

    /// The chapter's targets (when the run has built-in scenarios) and the best command speedup
    /// (when a command point has a baseline); no section when there is neither.
    private func headline(_ targets: [HeadlineTarget], best: BestSpeedup?) -> String {
        guard !targets.isEmpty || best != nil else { return "" }
        var out = "## Headline\n\n"
        if !targets.isEmpty {
            out += "The targets of the asyncio chapter SpeedLab comes from, beside this run's best results.\n\n"
            var table = MarkdownTable(header: ["target", "goal", "this run", "verdict", "note"])
            for target in targets {
                table.append([
                    target.target, target.goal, MarkdownText.inline(target.measured), target.verdict.rawValue,
                    MarkdownText.inline(target.note),
                ])
            }
            out += table.render() + "\n"
        }
        if let best { out += Self.bestSpeedupLine(best) + "\n\n" }
        return out
    }

    /// `The best speedup of a command against its baseline: **7.61×** [95% CI 7.55, 7.65], …`.
    static func bestSpeedupLine(_ best: BestSpeedup) -> String {
        "The best speedup of a command against its baseline: **\(HumanFormat.fixed(best.speedup.value, 2))×** "
            + "[95% CI \(HumanFormat.fixed(best.speedup.lower, 2)), \(HumanFormat.fixed(best.speedup.upper, 2))], "
            + "\(MarkdownText.inline(best.point)) against \(MarkdownText.inline(best.baseline))."
    }

    private func table(_ section: SpeedupReport.Section, charts: [SVGChartFile]) -> String {
        var out = "## \(MarkdownText.inline(section.scenario))\n\n"
        if let summary = scenarioSummaries[section.scenario] {
            out += "\(summary.prefix(1).uppercased() + summary.dropFirst()).\n\n"
        }
        if let measured = CommandSectionText.measuredLine(section) { out += measured }
        if !section.fixedParameters.names.isEmpty {
            out += "Fixed: \(MarkdownText.code(section.fixedParameters.description))\n\n"
        }
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
        let parameterHeaders = section.sweptParameters.map { MarkdownText.inline(isCommand ? "{\($0)}" : $0) }
        let metricHeaders = ownMetrics.map { name in
            (fixed + parameterHeaders).contains(name) ? "\(name) (metric)" : name
        }
        var table = MarkdownTable(header: parameterHeaders + fixed + metricHeaders.map(MarkdownText.inline))
        for row in section.rows {
            var cells = section.sweptParameters.map {
                row.parameters[$0].map { MarkdownText.inline($0.canonicalText) } ?? "-"
            }
            cells.append(HumanFormat.milliseconds(row.baselineMedianNanos))
            cells.append(
                row.wall.map {
                    "\(HumanFormat.milliseconds($0.value)) [\(HumanFormat.milliseconds($0.lower)), "
                        + "\(HumanFormat.milliseconds($0.upper))]"
                } ?? "-")
            cells.append(
                row.speedup.map {
                    "\(HumanFormat.fixed($0.value, 2))× [\(HumanFormat.fixed($0.lower, 2)), \(HumanFormat.fixed($0.upper, 2))]"
                } ?? "-")
            cells.append(row.idealSpeedup.map { "\(HumanFormat.fixed($0, 2))×" } ?? "-")
            cells.append(row.efficiency.map { HumanFormat.fixed($0, 2) } ?? "-")
            cells.append(row.cpuUtilisation.map { HumanFormat.fixed($0, 2) } ?? "-")
            cells.append(row.status == .failed ? "**failed**" : row.bottleneck?.rawValue ?? "-")
            cells.append(String(row.samples))
            cells.append("\(row.mildOutliers)/\(row.severeOutliers)")
            if adaptive { cells.append(Self.precision(row)) }
            cells += counters.map { column in
                column.applies(to: row.counters) ? row.counters[column.storedName].map(column.format) ?? "-" : "-"
            }
            if isCommand { cells.append(row.counters[Metric.peakRSS.name].map { HumanFormat.fixed($0, 1) } ?? "-") }
            cells += ownMetrics.map { name in row.counters[name].map { HumanFormat.fixed($0, 2) } ?? "-" }
            table.append(cells)
        }
        out += table.render() + "\n"
        for chart in charts {
            out += "![\(MarkdownText.inline(chart.title))](\(chart.fileName))\n\n"
        }
        return out
    }

    /// `±0.8%`, or `±2.1% (not reached)` for a point that stopped at its maximum or budget.
    static func precision(_ row: PointRow) -> String {
        guard let width = row.relativeHalfWidth else { return row.reachedPrecision == false ? "not reached" : "-" }
        return "±\(HumanFormat.fixed(width * 100, 2))%" + (row.reachedPrecision == false ? " (not reached)" : "")
    }

    private var method: String {
        """
        ## Method

        - Every repetition is timed with a monotonic clock; CPU time and context switches come from `getrusage`. Repetitions are interleaved across points (round robin) after the warm-ups, so drift of the machine hits every point alike.
        - **median ms [95% CI]**: the median wall time and a distribution-free 95% confidence interval from order statistics (binomial, no assumption about the distribution); with fewer than 6 repetitions no pair of order statistics reaches 95%, and the interval shown is the sample's range (94% for 5).
        - **speedup [95% CI]**: baseline median ÷ median, with a seeded percentile bootstrap interval of the ratio of medians (2,000 resamples; fewer, never under 200, for samples in the thousands).
        - **ideal speedup**: baseline median ÷ the scenario's lower bound of its wall time (from its parameters, the core count and the kernel's cost measured at the start of the run); **efficiency**: lower bound ÷ median.
        - **CPU (cores)**: median CPU time ÷ median wall time, the cores kept busy on average. **bottleneck**: the larger term of the lower bound (I/O waves or CPU), client CPU when an http point's requests × client CPU per call ÷ cores is longer than its I/O waves, or overhead when efficiency is under 0.6.
        - **outliers**: Tukey's fences (1.5 and 3 × IQR) on wall times; counted, never removed. Counters are means over the measured repetitions.


        """
    }
}
