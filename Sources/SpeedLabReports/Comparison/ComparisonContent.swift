import SpeedLabCore
import SpeedLabStore

/// What a comparison says, before it is written in a format: its title and blocks (the
/// method, the counts, environment differences, warnings, regressions, improvements, the
/// unchanged points, and the points that could not be compared). ``ComparisonRenderer``
/// writes it as Markdown and ``ComparisonHTML`` as HTML.
struct ComparisonContent {
    let comparison: Comparison

    /// `SpeedLab comparison — run 3 (before) → run 4 (after)`.
    var title: TextSpans {
        var title: TextSpans = [.plain("SpeedLab comparison — run \(comparison.base.id)")]
        if let label = comparison.base.label { title += [.plain(" ("), .text(label), .plain(")")] }
        title.append(.plain(" → run \(comparison.head.id)"))
        if let label = comparison.head.label { title += [.plain(" ("), .text(label), .plain(")")] }
        return title
    }

    var blocks: [DocumentBlock] {
        let metric = comparison.metric
        var blocks: [DocumentBlock] = [
            .paragraph([
                .plain("Metric: "), .strong(.words(metric.rawValue)),
                .plain(
                    " (\(metric.lowerIsBetter ? "lower" : "higher") is better). A point changed when its Mann-Whitney U "
                        + "p-value, adjusted across the \(comparison.points.count) compared points (Benjamini-Hochberg), "
                        + "is under \(HumanFormat.fixed(comparison.alpha, 3)) "), .strong(.words("and")),
                .plain(" its median moved by at least \(HumanFormat.fixed(comparison.threshold * 100, 1))%."),
            ]),
            .table(counts),
        ]
        blocks += environment
        if !comparison.warnings.isEmpty {
            blocks += [
                .heading(2, .words("Warnings")),
                .list(comparison.warnings.map { [.strong($0.messageSpans), .plain(" Remedy: ")] + $0.remedySpans }),
            ]
        }
        blocks += changed("Regressions", comparison.regressions, verdict: "regression")
        blocks += changed("Improvements", comparison.improvements, verdict: "improvement")
        blocks += unchanged
        if !comparison.notComparable.isEmpty {
            var table = DocumentTable(headings: ["scenario", "parameters", "reason"])
            for point in comparison.notComparable {
                table.append(
                    [
                        [.text(point.point.scenario)], [.code(point.point.parameters.description)],
                        [.text(point.reason)],
                    ],
                    point: point.point)
            }
            blocks += [
                .heading(2, .words("Not comparable")),
                .paragraph(.words("Measured by both runs, but without \(metric.rawValue) values to compare:")),
                .table(table),
            ]
        }
        if !comparison.unmatched.isEmpty {
            blocks += [
                .heading(2, .words("Unmatched points")),
                .paragraph(.words("Measured by one run only, so not compared:")),
                .list(
                    comparison.unmatched.map {
                        [
                            .plain("run \($0.run): "), .text($0.point.scenario), .plain(" "),
                            .code($0.point.parameters.description),
                        ]
                    }),
            ]
        }
        return blocks
    }

    private var counts: DocumentTable {
        var counts = DocumentTable(headings: [
            "", "regressions", "improvements", "unchanged", "unmatched", "not comparable",
        ])
        counts.append(
            [
                "points", String(comparison.regressions.count), String(comparison.improvements.count),
                String(comparison.unchanged.count), String(comparison.unmatched.count),
                String(comparison.notComparable.count),
            ].map(TextSpans.words))
        return counts
    }

    private var environment: [DocumentBlock] {
        guard !comparison.differences.isEmpty else {
            return [.paragraph(.words("Both runs share their environment (cores, build, CPU, Swift, commit, host)."))]
        }
        var table = DocumentTable(headings: ["field", "run \(comparison.base.id)", "run \(comparison.head.id)"])
        for difference in comparison.differences {
            table.append([.words(difference.field), [.text(difference.base)], [.text(difference.head)]])
        }
        return [.heading(2, .words("Environment differences")), .table(table)]
    }

    private func changed(_ title: String, _ points: [PointComparison], verdict: String) -> [DocumentBlock] {
        guard !points.isEmpty else { return [.heading(2, .words(title)), .paragraph(.words("None."))] }
        let metric = comparison.metric
        var table = DocumentTable(headings: [
            "scenario", "parameters", "base \(metric.label)", "head \(metric.label)", "change [95% CI]", "p (adjusted)",
            "Hodges-Lehmann shift [95% CI]", "detectable", "n",
        ])
        for point in points.sorted(by: { abs($0.change) > abs($1.change) }) {
            let change =
                "\(HumanFormat.percentChange(point.change)) [\(HumanFormat.percentChange(point.ratioLower - 1)), "
                + "\(HumanFormat.percentChange(point.ratioUpper - 1))]"
            let figures = [
                ComparisonRenderer.value(point.baseMedian, metric), ComparisonRenderer.value(point.headMedian, metric),
                change, "\(ComparisonRenderer.p(point.pValue)) (\(ComparisonRenderer.p(point.adjustedP)))",
                "\(ComparisonRenderer.value(point.shift, metric)) [\(ComparisonRenderer.value(point.shiftLower, metric)), "
                    + "\(ComparisonRenderer.value(point.shiftUpper, metric))]",
                "±\(HumanFormat.fixed(point.detectableChange * 100, 1))%", "\(point.baseCount)/\(point.headCount)",
            ]
            table.append(
                [[.text(point.scenario)], [.code(point.parameters.description)]] + figures.map(TextSpans.words),
                point: PointKey(scenario: point.scenario, parameters: point.parameters), verdict: verdict)
        }
        return [.heading(2, .words(title)), .table(table)]
    }

    private var unchanged: [DocumentBlock] {
        let points = comparison.unchanged
        guard !points.isEmpty else { return [.heading(2, .words("Unchanged")), .paragraph(.words("None."))] }
        let largest = points.max { abs($0.change) < abs($1.change) }
        let detectable = points.map(\.detectableChange).filter(\.isFinite).sorted()
        var text: TextSpans = [
            .plain(
                "\(points.count) points show no significant change of at least "
                    + "\(HumanFormat.fixed(comparison.threshold * 100, 1))%.")
        ]
        if let largest {
            text += [
                .plain(" The largest move was \(HumanFormat.percentChange(largest.change)) ("), .text(largest.scenario),
                .plain(" "), .code(largest.parameters.description),
                .plain(", adjusted p \(ComparisonRenderer.p(largest.adjustedP)))."),
            ]
        }
        if !detectable.isEmpty {
            text.append(
                .plain(
                    " At their noise and sample sizes these points could have detected changes of "
                        + "±\(HumanFormat.fixed(detectable[detectable.count / 2] * 100, 1))% (median; "
                        + "±\(HumanFormat.fixed((detectable.last ?? .nan) * 100, 1))% at worst), so \"unchanged\" means no "
                        + "change that large."))
        }
        return [.heading(2, .words("Unchanged")), .paragraph(text)]
    }
}
