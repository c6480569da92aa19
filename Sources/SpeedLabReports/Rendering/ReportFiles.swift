import Dispatch
import SpeedLabCore
import SpeedLabStore
import Synchronization

/// The files of a run's report, rendered from data read once: `report.md`, `points.csv`,
/// `samples.csv` and one SVG per chart. `samples.csv`, the largest, is rendered on another
/// thread while the statistics are computed.
public struct ReportFiles: Sendable {
    /// A format a report can be written in.
    public enum Format: String, Sendable, CaseIterable {
        case md, csv, svg
    }

    public var report: SpeedupReport
    /// File names and contents, in the order they should be written.
    public var files: [RenderedFile]

    public static func make(
        _ data: ReportData, formats: Set<Format>, scenarioOrder: [String] = [],
        scenarioSummaries: [String: String] = [:]
    ) -> ReportFiles {
        let samplesCSV = Mutex<String?>(nil)
        let group = DispatchGroup()
        if formats.contains(.csv) {
            let scenarios = Dictionary(uniqueKeysWithValues: data.points.map { ($0.id, $0.scenario) })
            DispatchQueue.global().async(group: group) {
                let text = CSVRenderer().samples(run: data.run.id, rows: data.samples, scenarios: scenarios)
                samplesCSV.withLock { $0 = text }
            }
        }
        let report = SpeedupReportBuilder().build(data, scenarioOrder: scenarioOrder)
        var files = SpeedupReportRenderer(scenarioSummaries: scenarioSummaries, formats: formats).files(report)
        if formats.contains(.csv) {
            group.wait()
            files.append(RenderedFile(name: "samples.csv", text: samplesCSV.withLock { $0 } ?? ""))
        }
        return ReportFiles(report: report, files: files)
    }
}
