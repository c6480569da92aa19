import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``SpeedupReport`` as GitHub-flavoured Markdown: header, environment, warnings
/// with remedies, the headline targets, one table per scenario (with its charts), the method.
public struct MarkdownRenderer: Sendable {
    /// One-line descriptions of the scenarios, shown under their headings.
    public var scenarioSummaries: [String: String]
    /// File names of the charts of each scenario, linked under its table.
    public var charts: [String: [SVGChartFile]]

    public init(scenarioSummaries: [String: String] = [:], charts: [String: [SVGChartFile]] = [:]) {
        self.scenarioSummaries = scenarioSummaries
        self.charts = charts
    }

    public func render(_ report: SpeedupReport) -> String {
        var out = header(report)
        out += environment(report.run.environment, kernel: report.run.kernelNanosPerUnit)
        out += warnings(report.warnings)
        out += headline(report.headline)
        for section in report.sections { out += table(section) }
        out += method
        return out
    }

    private func header(_ report: SpeedupReport) -> String {
        let run = report.run
        let title = "# SpeedLab report — run \(run.id)" + (run.label.map { " (\($0))" } ?? "")
        return """
            \(title)

            | | |
            |---|---|
            | Sweep | `\(run.sweepName)` from \(run.sweepSource) |
            | Started | \(Self.timestamp(run.startedAt)) UTC |
            | Duration | \(Self.duration(run.durationSeconds(now: run.finishedAt ?? run.startedAt))) |
            | Status | \(run.status.rawValue) |
            | Schedule | \(run.repetitions) measured repetitions per point after \(run.warmup) warm-up, interleaved; seed \(run.seed) |
            | Points | \(run.pointCount), \(run.sampleCount) measured samples |


            """
    }

    private func environment(_ env: RunEnvironment, kernel: Double) -> String {
        """
        ## Environment

        | host | CPU | logical cores | memory | OS | kernel | Swift | build | commit | load at start | kernel cost |
        |---|---|---|---|---|---|---|---|---|---|---|
        | \(env.host) | \(env.cpuModel) | \(env.logicalCores) | \(fixed(Double(env.memoryBytes) / 1_073_741_824, 1)) GiB | \(env.operatingSystem) | \(env.kernel) | \(env.swiftVersion) | \(env.isDebugBuild ? "**\(env.buildConfiguration)**" : env.buildConfiguration) | \(env.gitCommit.map { "`\($0.prefix(12))`" } ?? "-") | \(fixed(env.loadAverage, 2)) | \(fixed(kernel, 2)) ns/unit |


        """
    }

    private func warnings(_ warnings: [ReportWarning]) -> String {
        guard !warnings.isEmpty else { return "## Warnings\n\nNone.\n\n" }
        let items = warnings.map { "- **\($0.message)** Remedy: \($0.remedy)" }
        return "## Warnings\n\n" + items.joined(separator: "\n") + "\n\n"
    }

    private func headline(_ targets: [HeadlineTarget]) -> String {
        var out =
            "## Headline\n\nThe targets of the asyncio chapter SpeedLab comes from, beside this run's best results.\n\n"
        out += "| target | goal | this run | verdict | note |\n|---|---|---|---|---|\n"
        for target in targets {
            out +=
                "| \(target.target) | \(target.goal) | \(target.measured) | \(target.verdict.rawValue) | \(target.note) |\n"
        }
        return out + "\n"
    }

    private func table(_ section: SpeedupReport.Section) -> String {
        var out = "## \(section.scenario)\n\n"
        if let summary = scenarioSummaries[section.scenario] {
            out += "\(summary.prefix(1).uppercased() + summary.dropFirst()).\n\n"
        }
        if !section.fixedParameters.names.isEmpty {
            out += "Fixed: `\(section.fixedParameters)`\n\n"
        }
        let counters = SpeedupReportBuilder.shownCounters.filter { name in
            section.rows.contains { $0.counters[name] != nil }
        }
        let headers =
            section.sweptParameters
            + [
                "baseline ms", "median ms [95% CI]", "speedup [95% CI]", "ideal speedup", "efficiency", "CPU (cores)",
                "bottleneck", "n", "outliers (mild/severe)",
            ]
            + counters.map(Self.counterHeader)
        out += "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in section.rows {
            var cells = section.sweptParameters.map { row.parameters[$0]?.canonicalText ?? "-" }
            cells.append(millis(row.baselineMedianNanos))
            cells.append(row.wall.map { "\(millis($0.value)) [\(millis($0.lower)), \(millis($0.upper))]" } ?? "-")
            cells.append(
                row.speedup.map { "\(fixed($0.value, 2))× [\(fixed($0.lower, 2)), \(fixed($0.upper, 2))]" } ?? "-")
            cells.append(row.idealSpeedup.map { "\(fixed($0, 2))×" } ?? "-")
            cells.append(row.efficiency.map { fixed($0, 2) } ?? "-")
            cells.append(row.cpuUtilisation.map { fixed($0, 2) } ?? "-")
            cells.append(row.status == .failed ? "**failed**" : row.bottleneck?.rawValue ?? "-")
            cells.append(String(row.samples))
            cells.append("\(row.mildOutliers)/\(row.severeOutliers)")
            cells += counters.map { name in row.counters[name].map { fixed($0, name.hasSuffix("_ms") ? 2 : 1) } ?? "-" }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        for chart in charts[section.scenario] ?? [] {
            out += "![\(chart.title)](\(chart.fileName))\n\n"
        }
        return out
    }

    private static func counterHeader(_ name: String) -> String {
        name == "wake_late_p99_ms" ? "wake late p99 ms" : name.replacingOccurrences(of: "_", with: " ")
    }

    private var method: String {
        """
        ## Method

        - Every repetition is timed with a monotonic clock; CPU time and context switches come from `getrusage`. Repetitions are interleaved across points (round robin) after the warm-ups, so drift of the machine hits every point alike.
        - **median ms [95% CI]**: the median wall time and a distribution-free 95% confidence interval from order statistics (binomial, no assumption about the distribution); with fewer than 6 repetitions no pair of order statistics reaches 95%, and the interval shown is the sample's range (94% for 5).
        - **speedup [95% CI]**: baseline median ÷ median, with a seeded percentile bootstrap interval of the ratio of medians (2,000 resamples; fewer, never under 200, for samples in the thousands).
        - **ideal speedup**: baseline median ÷ the scenario's lower bound of its wall time (from its parameters, the core count and the kernel's cost measured at the start of the run); **efficiency**: lower bound ÷ median.
        - **CPU (cores)**: median CPU time ÷ median wall time, the cores kept busy on average. **bottleneck**: the larger term of the lower bound (I/O waves or CPU), or overhead when efficiency is under 0.6.
        - **outliers**: Tukey's fences (1.5 and 3 × IQR) on wall times; counted, never removed. Counters are means over the measured repetitions.


        """
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).dateTimeSeparator(.space)
                .time(includingFractionalSeconds: false).timeSeparator(.colon))
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 60 { return "\(fixed(seconds, 1)) s" }
        let total = Int(seconds.rounded())
        return "\(total / 60)m\(String(format: "%02d", total % 60))s"
    }
}
