import ArgumentParser
import Foundation
import SpeedLabReports
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
                Exit codes: 0 done, 64 usage, 66 no database.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this scenario.") var scenario: String?
        @Option(parsing: .upToNextOption, help: "Only points with these parameter values (k=v …).") var param:
            [String] = []
        @Option(help: "Only runs with this label.") var label: String?
        @Option(help: "Only the last N runs.") var last: Int?
        @Option(help: "Only runs started on or after this date (YYYY-MM-DD).") var since: String?
        @Option(help: "What to follow: wall, cpu or efficiency.") var metric = "wall"
        @Option(
            help:
                "Write history.md, history.csv and SVG trend charts into this folder (default: Markdown on standard output)."
        )
        var out: String?

        func validate() throws {
            guard let value = ComparisonMetric(rawValue: metric), value != .speedup else {
                throw ValidationError("unknown metric '\(metric)'. Valid: wall, cpu, efficiency.")
            }
            _ = try filter()
            if let last, last < 1 { throw ValidationError("--last must be 1 or more (got \(last)).") }
        }

        func filter() throws -> HistoryFilter {
            var parameters: [String: String] = [:]
            for pair in param {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ValidationError("--param takes k=v (got '\(pair)'), e.g. --param tasks=64.")
                }
                parameters[parts[0]] = parts[1]
            }
            var date: Date?
            if let since {
                guard let parsed = try? Date("\(since)T00:00:00Z", strategy: .iso8601) else {
                    throw ValidationError("--since takes a date as YYYY-MM-DD (got '\(since)').")
                }
                date = parsed
            }
            return HistoryFilter(scenario: scenario, parameters: parameters, label: label, last: last, since: date)
        }

        func run() async throws {
            let runs = try store.open(create: false)
            let filter = try filter()
            let history: SpeedLabReports.History
            do {
                history = HistoryBuilder(metric: ComparisonMetric(rawValue: metric) ?? .wall).build(
                    try runs.history(filter), filter: filter)
            } catch {
                throw SpeedLabExitCode.report(error)
            }
            guard !history.series.isEmpty else {
                print("no stored point matches these filters.")
                return
            }
            let renderer = HistoryRenderer()
            guard let out else {
                print(renderer.markdown(history), terminator: "")
                return
            }
            let charts = renderer.charts(history)
            let folder = URL(fileURLWithPath: out)
            do {
                _ = try ReportOutput.writeAtomically(
                    charts.map { ($0.fileName, $0.svg) }
                        + [
                            ("history.md", renderer.markdown(history, charts: charts.map(\.fileName))),
                            ("history.csv", renderer.csv(history)),
                        ],
                    to: folder)
            } catch let error as ReportOutput.WriteError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(SpeedLabExitCode.cannotWriteOutput.rawValue)
            }
            let changes = history.series.reduce(0) { $0 + $1.changes.count }
            print("\(history.series.count) points, \(changes) change points; wrote \(folder.path)/history.md")
        }
    }
}
