import ArgumentParser
import Foundation
import SpeedLabReports
import SpeedLabStatistics
import SpeedLabStore

extension SpeedLab {
    /// `speedlab history`: each point's series across runs, with change points.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show points across runs and find the runs where they changed (E-divisive means).",
            discussion: """
                Examples:
                  speedlab history --scenario concurrent --param tasks=64
                  speedlab history --label nightly --last 50 --out reports/history
                  speedlab history --since 2026-11-01 --metric cpu
                  speedlab history --host bench-01 --label nightly
                One series per point and host: runs of different machines are never mixed silently \
                (--all-hosts mixes them, with a warning in the output).
                Exit codes: 0 done, 64 usage, 66 no database.
                """)

        @OptionGroup var store: StoreOptions
        @Flag(
            help:
                "Count interrupted, failed and crashed runs too (by default `latest`, labels and history use completed runs)."
        )
        var includeIncomplete = false
        @Option(help: "Only this scenario.", transform: ScenarioName.parse) var scenario: ScenarioName?
        @Option(parsing: .upToNextOption, help: "Only points with these parameter values (k=v …).")
        var param: [ParameterFilter] = []
        @Option(help: "Only runs with this label.") var label: String?
        @Option(help: "Only runs measured on this host (by default each host gets series of its own).")
        var host: String?
        @Flag(help: "Mix the runs of every host in one series per point (the report says so loudly).")
        var allHosts = false
        @Option(help: "Only the last N runs.") var last: Int?
        @Option(help: "Only runs started on or after this day (YYYY-MM-DD, UTC).") var since: CalendarDay?
        @Option(
            help:
                "What to follow: wall, cpu, efficiency, or a sample metric NAME (a command's own; lower is better, NAME:higher when higher is)."
        ) var metric = Choice(HistoryMetric.wall)
        @Option(
            help:
                "Smallest step that counts as a change, in percent, whatever the noise (default: 1; a step must also be 3 × the series' noise)."
        )
        var minChange: Double?
        @Option(
            help:
                "Write history.md, history.csv and SVG trend charts into this folder (default or `-`: Markdown on standard output)."
        )
        var out: String?

        func validate() throws {
            if host != nil, allHosts { throw ValidationError("--host and --all-hosts cannot be used together.") }
            if let last, last < 1 { throw ValidationError("--last must be 1 or more (got \(last)).") }
            if let minChange, !(0...1_000).contains(minChange) {
                throw ValidationError("--min-change must be from 0 to 1000 percent (got \(minChange)).")
            }
        }

        var detector: EDivisive {
            var detector = EDivisive()
            if let minChange { detector.minimumRelativeChange = minChange / 100 }
            return detector
        }

        var filter: HistoryFilter {
            HistoryFilter(
                scenario: scenario?.name,
                parameters: Dictionary(param.map { ($0.name, $0.value) }) { _, later in later },
                label: label, last: last, since: since?.start, includesIncomplete: includeIncomplete, host: host,
                mixesHosts: allHosts)
        }

        func run() async throws {
            let runs = try store.open(.read)
            let filter = filter
            let history: SpeedLabReports.History
            do {
                history = HistoryBuilder(metric: metric.value.metric, detector: detector).build(
                    try runs.history(filter, sampleMetric: metric.value.metric.sampleMetric), filter: filter)
            } catch {
                throw SpeedLabExitCode.report(error)
            }
            guard !history.series.isEmpty else {
                print(
                    "no stored point matches these filters"
                        + (includeIncomplete ? "." : " among completed runs (--include-incomplete counts the others)."))
                return
            }
            let renderer = HistoryRenderer()
            guard let out, out != "-" else {
                print(renderer.markdown(history), terminator: "")
                return
            }
            let folder = URL(fileURLWithPath: out)
            _ = try ReportOutput.write(renderer.files(history), to: folder)
            let changes = history.series.reduce(0) { $0 + $1.changes.count }
            print("\(history.series.count) points, \(changes) change points; wrote \(folder.path)/history.md")
        }
    }
}
