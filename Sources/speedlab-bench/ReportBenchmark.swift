import Foundation
import SpeedLabReports
import SpeedLabStore

/// Times the full report of a synthetic run, as `speedlab report` makes it: read the run once,
/// compute every point's statistics (bootstrap CIs included) while `samples.csv` renders on
/// another thread, render Markdown, `points.csv` and the SVG charts, and write the files as
/// `speedlab report` does.
struct ReportBenchmark {
    var run: SyntheticRun

    func execute() throws {
        let (store, id, _) = try run.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench-report")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let start = ContinuousClock.now
        let data = try ReportData(run: id, from: store)
        let read = seconds(since: start)
        let rendered = ReportFiles.make(
            data, formats: Set(ReportFiles.Format.allCases), scenarioOrder: ["sequential", "concurrent"])
        let renderedAt = seconds(since: start)
        for file in rendered.files {
            try file.write(to: folder.appendingPathComponent(file.name))
        }
        let total = seconds(since: start)
        print(
            """
            report benchmark: \(run.samples) samples over \(run.points) points
              read the run (every sample, metric totals): \(format(read)) s
              + statistics and rendering (\(rendered.files.count) files): \(format(renderedAt)) s
              + writing: \(format(total)) s in all
            """)
    }
}
