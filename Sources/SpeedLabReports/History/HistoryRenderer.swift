import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``History`` as Markdown (per point: a trend line, its change points and their
/// likely explanation), CSV (one row per point and run) and one SVG trend chart per point.
public struct HistoryRenderer: Sendable {
    public init() {}

    public func markdown(_ history: History, charts: [String] = []) -> String {
        let runs = Set(history.series.flatMap { $0.entries.map(\.run.id) }).count
        var out = "# SpeedLab history\n\n"
        out +=
            "\(history.series.count) points across \(runs) runs; metric **\(history.metric.rawValue)** "
            + "(median per run). Change points: E-divisive means with a permutation test (p ≤ 0.05) and a "
            + "minimum change of 5%; a single slow run is an outlier, not a change.\n\n"
        for (index, series) in history.series.enumerated() {
            out += "## \(series.scenario) `\(series.parameters)`\n\n"
            let medians = series.entries.map { $0.median * history.metric.displayScale }
            out +=
                "Trend (\(series.entries.count) runs, \(fixed(medians.min() ?? .nan, 2))–\(fixed(medians.max() ?? .nan, 2)) \(history.metric.label)): `\(Self.sparkline(medians))`\n\n"
            if index < charts.count { out += "![trend](\(charts[index]))\n\n" }
            if series.changes.isEmpty {
                out += "No change point.\n\n"
                continue
            }
            out +=
                "| from run | started | before | after | change | p | likely explanation |\n|---|---|---|---|---|---|---|\n"
            for change in series.changes {
                out +=
                    "| \(change.run.id)\(change.run.label.map { " (\($0))" } ?? "") | "
                    + "\(MarkdownRenderer.timestamp(change.run.startedAt)) | "
                    + "\(fixed(change.meanBefore * history.metric.displayScale, 3)) | "
                    + "\(fixed(change.meanAfter * history.metric.displayScale, 3)) | "
                    + "\(change.changePercent >= 0 ? "+" : "")\(fixed(change.changePercent, 1))% | "
                    + "\(fixed(change.pValue, 3)) | \(change.explanation.joined(separator: "; ")) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// `history.csv`: one row per point and run, parameters as columns.
    public func csv(_ history: History) -> String {
        let names = Set(history.series.flatMap { $0.parameters.names }).sorted()
        let unit = history.metric.lowerIsBetter ? "_ms" : ""
        var lines = [
            CSVRenderer.line(
                ["run_id", "started", "label", "commit", "scenario"] + names
                    + ["samples", "median_\(history.metric.rawValue)\(unit)", "change_point"])
        ]
        for series in history.series {
            let starts = Set(series.changes.map(\.index))
            for (index, entry) in series.entries.enumerated() {
                lines.append(
                    CSVRenderer.line(
                        [
                            String(entry.run.id), MarkdownRenderer.timestamp(entry.run.startedAt),
                            entry.run.label ?? "",
                            entry.run.environment.gitCommit ?? "", series.scenario,
                        ]
                            + names.map { series.parameters[$0]?.canonicalText ?? "" }
                            + [
                                String(entry.samples), CSVRenderer.number(entry.median * history.metric.displayScale),
                                starts.contains(index) ? "1" : "0",
                            ]))
            }
        }
        return lines.joined()
    }

    /// One trend chart per series (file names `history-<n>.svg`).
    public func charts(_ history: History) -> [SVGChartFile] {
        history.series.enumerated().map { index, series in
            let title = "\(series.scenario) \(series.parameters)"
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
