import SpeedLabCore
import SpeedLabStore

/// What a history says, before it is written in a format: how change points are found, a
/// warning when hosts are mixed, and per point its trend, noise, chart and change points.
/// ``HistoryRenderer`` writes it as Markdown and ``HistoryHTML`` as HTML.
struct HistoryContent {
    let history: History
    /// The trend chart of each series, in series order (none when charts are not written).
    let charts: [String]

    var blocks: [DocumentBlock] {
        let runs = Set(history.series.flatMap { $0.entries.map(\.run.id) }).count
        var blocks: [DocumentBlock] = [
            .paragraph([
                .plain("\(history.series.count) points across \(runs) runs; metric "),
                .strong(.words(history.metric.rawValue)),
                .plain(
                    " (median per run). Change points: E-divisive means with a permutation test (p ≤ 0.05); a step "
                        + "counts when it is at least 3 × the series' own run-to-run noise and at least "
                        + "\(HumanFormat.fixed(history.minimumChangeFloor * 100, 1))%; a single slow run is an outlier, "
                        + "not a change."),
            ])
        ]
        let hosts = history.hosts
        if history.filter.mixesHosts, hosts.count > 1 {
            var hostList: TextSpans = []
            for (index, host) in hosts.enumerated() {
                if index > 0 { hostList.append(.plain(", ")) }
                hostList.append(.text(host))
            }
            blocks.append(
                .note(
                    [
                        .strong(.words("Warning: hosts mixed.")),
                        .plain(" These series mix runs from \(hosts.count) hosts ("),
                    ] + hostList + [
                        .plain("): a step between hosts is the machine, not the code. Drop "), .code("--all-hosts"),
                        .plain(" for one series per host."),
                    ]))
        }
        for (index, series) in history.series.enumerated() {
            blocks += self.series(series, chart: index < charts.count ? charts[index] : nil, manyHosts: hosts.count > 1)
        }
        return blocks
    }

    private func series(_ series: History.Series, chart: String?, manyHosts: Bool) -> [DocumentBlock] {
        let scale = history.metric.displayScale
        var heading: TextSpans = [.text(series.scenario), .plain(" "), .code(series.parameters.description)]
        if manyHosts { heading += series.host.map { [.plain(" on "), .text($0)] } ?? [.plain(" on all hosts")] }
        let medians = series.entries.map { $0.median * scale }
        let range = "\(HumanFormat.fixed(medians.min() ?? .nan, 2))–\(HumanFormat.fixed(medians.max() ?? .nan, 2))"
        var blocks: [DocumentBlock] = [
            .heading(2, heading),
            .paragraph([
                .plain("Trend (\(series.entries.count) runs, \(range) \(history.metric.label)): "),
                .code(HistoryRenderer.sparkline(medians)),
            ]),
        ]
        if let noise = series.noise {
            blocks.append(
                .paragraph(
                    .words(
                        "Noise ±\(HumanFormat.fixed(noise * 100, 2))% run to run; a change needs a step of at least "
                            + "\(HumanFormat.fixed(series.minimumChange * 100, 2))%.")))
        }
        if let chart { blocks.append(.image(alt: "trend", file: chart)) }
        guard !series.changes.isEmpty else { return blocks + [.paragraph(.words("No change point."))] }
        var table = DocumentTable(headings: [
            "from run", "started", "before", "after", "change", "p", "likely explanation",
        ])
        for change in series.changes {
            var run: TextSpans = [.plain("\(change.run.id)")]
            if let label = change.run.label { run += [.plain(" ("), .text(label), .plain(")")] }
            table.append(
                [
                    run, .words(HumanFormat.timestamp(change.run.startedAt)),
                    .words(HumanFormat.fixed(change.meanBefore * scale, 3)),
                    .words(HumanFormat.fixed(change.meanAfter * scale, 3)),
                    .words(HumanFormat.percentChange(change.changePercent / 100)),
                    .words(HumanFormat.fixed(change.pValue, 3)), [.text(change.explanation.joined(separator: "; "))],
                ], point: PointKey(scenario: series.scenario, parameters: series.parameters))
        }
        return blocks + [.table(table)]
    }
}
