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
        let runs = Set(history.series.flatMap { $0.entries.map(\.run.id) }).count
        let scale = history.metric.displayScale
        var out = "# SpeedLab history\n\n"
        out +=
            "\(history.series.count) points across \(runs) runs; metric **\(history.metric.rawValue)** "
            + "(median per run). Change points: E-divisive means with a permutation test (p ≤ 0.05); a step "
            + "counts when it is at least 3 × the series' own run-to-run noise and at least "
            + "\(HumanFormat.fixed(history.minimumChangeFloor * 100, 1))%; a single slow run is an outlier, "
            + "not a change.\n\n"
        let hosts = history.hosts
        if history.filter.mixesHosts, hosts.count > 1 {
            out +=
                "> **Warning: hosts mixed.** These series mix runs from \(hosts.count) hosts "
                + "(\(hosts.map(MarkdownText.inline).joined(separator: ", "))): a step between hosts is the machine, "
                + "not the code. Drop `--all-hosts` for one series per host.\n\n"
        }
        for (index, series) in history.series.enumerated() {
            let on = hosts.count > 1 ? series.host.map { " on \(MarkdownText.inline($0))" } ?? " on all hosts" : ""
            out +=
                "## \(MarkdownText.inline(series.scenario)) \(MarkdownText.code(series.parameters.description))\(on)\n\n"
            let medians = series.entries.map { $0.median * scale }
            let range = "\(HumanFormat.fixed(medians.min() ?? .nan, 2))–\(HumanFormat.fixed(medians.max() ?? .nan, 2))"
            out +=
                "Trend (\(series.entries.count) runs, \(range) \(history.metric.label)): `\(Self.sparkline(medians))`\n\n"
            if let noise = series.noise {
                out +=
                    "Noise ±\(HumanFormat.fixed(noise * 100, 2))% run to run; a change needs a step of at least "
                    + "\(HumanFormat.fixed(series.minimumChange * 100, 2))%.\n\n"
            }
            if index < charts.count { out += "![trend](\(charts[index]))\n\n" }
            if series.changes.isEmpty {
                out += "No change point.\n\n"
                continue
            }
            var table = MarkdownTable(header: [
                "from run", "started", "before", "after", "change", "p", "likely explanation",
            ])
            for change in series.changes {
                table.append([
                    "\(change.run.id)\(change.run.label.map { " (\(MarkdownText.inline($0)))" } ?? "")",
                    HumanFormat.timestamp(change.run.startedAt), HumanFormat.fixed(change.meanBefore * scale, 3),
                    HumanFormat.fixed(change.meanAfter * scale, 3),
                    HumanFormat.percentChange(change.changePercent / 100),
                    HumanFormat.fixed(change.pValue, 3), change.explanation.joined(separator: "; "),
                ])
            }
            out += table.render() + "\n"
        }
        return out
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
