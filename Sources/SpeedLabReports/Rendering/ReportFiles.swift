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
    /// Each section's charts, by scenario (none without the `svg` format).
    public var charts: [String: [SVGChartFile]]
    /// The traced points' timelines (nil without the `svg` format).
    public var timelines: ReportTimelines?
    /// One-line descriptions of the scenarios, shown under their headings.
    public var scenarioSummaries: [String: String]

    /// The report as an HTML fragment: charts and timelines from `imagePrefix`, each row of a
    /// point linked by `pointLink` when given.
    public func html(imagePrefix: String = "", pointLink: (@Sendable (PointKey) -> String)? = nil) -> String {
        SpeedupReportHTML(scenarioSummaries: scenarioSummaries, imagePrefix: imagePrefix, pointLink: pointLink)
            .fragment(report, charts: charts, timelines: timelines)
    }

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
        let renderer = SpeedupReportRenderer(scenarioSummaries: scenarioSummaries, formats: formats)
        let charts = renderer.charts(report)
        var files = renderer.files(report, charts: charts)
        let timelines = formats.contains(.svg) ? ReportTimelines(data, report: report) : nil
        if let timelines, !timelines.isEmpty { addTimelines(timelines, to: &files) }
        if formats.contains(.csv) {
            group.wait()
            files.append(RenderedFile(name: "samples.csv", text: samplesCSV.withLock { $0 } ?? ""))
            if !data.requests.isEmpty {
                files.append(RenderedFile(name: "requests.csv", text: CSVRenderer().requests(data.requests)))
            }
        }
        return ReportFiles(
            report: report, files: files, charts: charts, timelines: timelines, scenarioSummaries: scenarioSummaries)
    }

    /// One timeline SVG per traced point's scenario, and a section of `report.md` that shows them.
    static func addTimelines(_ timelines: ReportTimelines, to files: inout [RenderedFile]) {
        for entry in timelines.entries { files.append(RenderedFile(name: entry.fileName, text: entry.svg)) }
        if let index = files.firstIndex(where: { $0.name == "report.md" }) {
            files[index].text += timelines.markdown()
        }
    }
}
