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
        if formats.contains(.svg) { addTimelines(data, report: report, to: &files) }
        if formats.contains(.csv) {
            group.wait()
            files.append(RenderedFile(name: "samples.csv", text: samplesCSV.withLock { $0 } ?? ""))
        }
        return ReportFiles(report: report, files: files)
    }

    /// One timeline SVG per scenario with a traced point, and a section of `report.md` that
    /// shows them.
    static func addTimelines(_ data: ReportData, report: SpeedupReport, to files: inout [RenderedFile]) {
        let traced = data.points.filter { data.traces[$0.id] != nil }
        var commands: [String] = []
        for point in data.points where point.command != nil && !commands.contains(point.scenario) {
            commands.append(point.scenario)
        }
        guard !traced.isEmpty || !commands.isEmpty else { return }
        var section =
            traced.isEmpty
            ? "\n## Timelines\n"
            : """

            ## Timelines

            One traced repetition per point, run after the measured ones and never counted above: what ran \
            when, on which thread (CPU) and in which call lane (I/O). The dashed line is the point's bound. \
            Any other point: `speedlab report \(data.run.id) --timeline POINT` (ids from `speedlab show \(data.run.id)`); \
            for Perfetto: `speedlab trace \(data.run.id)`.

            """
        let order = report.sections.map(\.scenario)
        for point in traced.sorted(by: {
            (order.firstIndex(of: $0.scenario) ?? .max, $0.ordinal) < (
                order.firstIndex(of: $1.scenario) ?? .max, $1.ordinal
            )
        }) {
            guard let trace = data.traces[point.id] else { continue }
            let name = TimelineSelection.fileName(scenario: point.scenario)
            files.append(
                RenderedFile(
                    name: name,
                    text: TimelineSVG.render(
                        title: TimelineSelection.title(point), trace: trace, idealNanos: point.idealNanos)))
            section +=
                "\n### \(MarkdownText.inline(point.scenario))\n\nPoint \(point.id): "
                + "\(MarkdownText.inline(point.parameters.description))\n\n"
                + "![\(MarkdownText.inline(point.scenario)) timeline](\(name))\n"
        }
        for name in commands {
            section += "\n### \(MarkdownText.inline(name))\n\nno timeline: command points have no spans.\n"
        }
        if let index = files.firstIndex(where: { $0.name == "report.md" }) { files[index].text += section }
    }
}
