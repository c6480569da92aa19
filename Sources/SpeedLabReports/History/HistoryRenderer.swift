import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``History`` as Markdown (per point: a trend line, its change points and their
/// likely explanation), CSV (one row per point and run) and one SVG trend chart per point.
public struct HistoryRenderer: DocumentRenderer {
    public init() {}

    /// One SVG trend chart per point, `history.md` linking them, and `history.csv`.
    public func files(_ history: History) -> [RenderedFile] {
        let charts = charts(history)
        return charts.map { RenderedFile(name: $0.fileName, text: $0.svg) } + [
            RenderedFile(name: "history.md", text: markdown(history, charts: charts.map(\.fileName))),
            RenderedFile(name: "history.csv", text: csv(history)),
        ]
    }

    public func markdown(_ history: History) -> String {
        markdown(history, charts: [])
    }

    private func markdown(_ history: History, charts: [String]) -> String {
        "# SpeedLab history\n\n" + MarkdownSpans.write(HistoryContent(history: history, charts: charts).blocks)
    }

    /// `history.csv`: one row per point and run, parameters as columns.
    public func csv(_ history: History) -> String {
        let names = Set(history.series.flatMap { $0.parameters.names }).sorted()
        let unit = history.metric.lowerIsBetter ? "_ns" : ""
        var lines = [
            CSVRenderer.line(
                ["run_id", "started", "label", "commit", "host", "scenario"] + names
                    + ["samples", "median_\(history.metric.rawValue)\(unit)", "change_point"])
        ]
        for series in history.series {
            let starts = Set(series.changes.map(\.index))
            for (index, entry) in series.entries.enumerated() {
                lines.append(
                    CSVRenderer.line(
                        [
                            String(entry.run.id), CSVRenderer.timestamp(entry.run.startedAt),
                            entry.run.label ?? "",
                            entry.run.environment.gitCommit ?? "", entry.run.environment.host, series.scenario,
                        ]
                            + names.map { series.parameters[$0]?.canonicalText ?? "" }
                            + [
                                String(entry.samples), CSVRenderer.number(entry.median),
                                starts.contains(index) ? "1" : "0",
                            ]))
            }
        }
        return lines.joined()
    }

    /// One trend chart per series (file names `history-<n>.svg`).
    public func charts(_ history: History) -> [SVGChartFile] {
        let manyHosts = history.hosts.count > 1
        return history.series.enumerated().map { index, series in
            let on = manyHosts ? " on \(series.host ?? "all hosts")" : ""
            let title = "\(series.scenario) \(series.parameters)\(on)"
            return SVGChartFile(
                fileName: "history-\(index + 1).svg", title: title,
                svg: TrendChart.render(
                    title: title, yLabel: history.metric.label,
                    values: series.entries.map { $0.median * history.metric.displayScale },
                    runLabels: series.entries.map { String($0.run.id) }, changes: series.changes.map(\.index)))
        }
    }

    /// Eight-level block characters, lowest to highest.
    static func sparkline(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let low = values.min(), let high = values.max(), high > low else {
            return String(repeating: "▄", count: values.count)
        }
        return String(values.map { blocks[min(7, Int((($0 - low) / (high - low)) * 7.999))] })
    }
}
