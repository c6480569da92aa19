import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``Comparison`` as Markdown (regressions first, then improvements, then the
/// unchanged points summarised, then what could not be compared) and as CSV (one row per
/// compared point).
public struct ComparisonRenderer: DocumentRenderer {
    public init() {}

    /// `comparison.md` and `comparison.csv`.
    public func files(_ comparison: Comparison) -> [RenderedFile] {
        [
            RenderedFile(name: "comparison.md", text: markdown(comparison)),
            RenderedFile(name: "comparison.csv", text: csv(comparison)),
        ]
    }

    public func markdown(_ comparison: Comparison) -> String {
        let base = comparison.base
        let head = comparison.head
        let metric = comparison.metric
        let title =
            "# SpeedLab comparison — run \(base.id)\(base.label.map { " (\(MarkdownText.inline($0)))" } ?? "") → "
            + "run \(head.id)\(head.label.map { " (\(MarkdownText.inline($0)))" } ?? "")"
        var out = title + "\n\n"
        out +=
            "Metric: **\(metric.rawValue)** (\(metric.lowerIsBetter ? "lower" : "higher") is better). "
            + "A point changed when its Mann-Whitney U p-value, adjusted across the \(comparison.points.count) compared "
            + "points (Benjamini-Hochberg), is under \(HumanFormat.fixed(comparison.alpha, 3)) **and** its median moved "
            + "by at least \(HumanFormat.fixed(comparison.threshold * 100, 1))%.\n\n"
        var counts = MarkdownTable(header: [
            "", "regressions", "improvements", "unchanged", "unmatched", "not comparable",
        ])
        counts.append([
            "points", String(comparison.regressions.count), String(comparison.improvements.count),
            String(comparison.unchanged.count), String(comparison.unmatched.count),
            String(comparison.notComparable.count),
        ])
        out += counts.render() + "\n"
        out += environment(comparison)
        if !comparison.warnings.isEmpty {
            out += "## Warnings\n\n" + SpeedupReportRenderer.warningList(comparison.warnings) + "\n"
        }
        out += table("Regressions", comparison.regressions, metric)
        out += table("Improvements", comparison.improvements, metric)
        out += unchanged(comparison)
        if !comparison.notComparable.isEmpty {
            out += "## Not comparable\n\nMeasured by both runs, but without \(metric.rawValue) values to compare:\n\n"
            var table = MarkdownTable(header: ["scenario", "parameters", "reason"])
            for point in comparison.notComparable {
                table.append([
                    MarkdownText.inline(point.point.scenario), MarkdownText.code(point.point.parameters.description),
                    MarkdownText.inline(point.reason),
                ])
            }
            out += table.render() + "\n"
        }
        if !comparison.unmatched.isEmpty {
            out += "## Unmatched points\n\nMeasured by one run only, so not compared:\n\n"
            for unmatched in comparison.unmatched {
                out +=
                    "- run \(unmatched.run): \(MarkdownText.inline(unmatched.point.scenario)) "
                    + "\(MarkdownText.code(unmatched.point.parameters.description))\n"
            }
            out += "\n"
        }
        return out
    }

    private func environment(_ comparison: Comparison) -> String {
        guard !comparison.differences.isEmpty else {
            return "Both runs share their environment (cores, build, CPU, Swift, commit, host).\n\n"
        }
        var table = MarkdownTable(header: ["field", "run \(comparison.base.id)", "run \(comparison.head.id)"])
        for difference in comparison.differences {
            table.append([difference.field, MarkdownText.inline(difference.base), MarkdownText.inline(difference.head)])
        }
        return "## Environment differences\n\n" + table.render() + "\n"
    }

    private func table(_ title: String, _ points: [PointComparison], _ metric: ComparisonMetric) -> String {
        guard !points.isEmpty else { return "## \(title)\n\nNone.\n\n" }
        var table = MarkdownTable(header: [
            "scenario", "parameters", "base \(metric.label)", "head \(metric.label)", "change [95% CI]", "p (adjusted)",
            "Hodges-Lehmann shift [95% CI]", "detectable", "n",
        ])
        for point in points.sorted(by: { abs($0.change) > abs($1.change) }) {
            table.append([
                MarkdownText.inline(point.scenario), MarkdownText.code(point.parameters.description),
                Self.value(point.baseMedian, metric),
                Self.value(point.headMedian, metric),
                "\(HumanFormat.percentChange(point.change)) [\(HumanFormat.percentChange(point.ratioLower - 1)), "
                    + "\(HumanFormat.percentChange(point.ratioUpper - 1))]",
                "\(Self.p(point.pValue)) (\(Self.p(point.adjustedP)))",
                "\(Self.value(point.shift, metric)) [\(Self.value(point.shiftLower, metric)), "
                    + "\(Self.value(point.shiftUpper, metric))]",
                "±\(HumanFormat.fixed(point.detectableChange * 100, 1))%", "\(point.baseCount)/\(point.headCount)",
            ])
        }
        return "## \(title)\n\n" + table.render() + "\n"
    }

    private func unchanged(_ comparison: Comparison) -> String {
        let points = comparison.unchanged
        guard !points.isEmpty else { return "## Unchanged\n\nNone.\n\n" }
        let largest = points.max { abs($0.change) < abs($1.change) }
        let detectable = points.map(\.detectableChange).filter(\.isFinite).sorted()
        var out =
            "## Unchanged\n\n\(points.count) points show no significant change of at least "
            + "\(HumanFormat.fixed(comparison.threshold * 100, 1))%."
        if let largest {
            out +=
                " The largest move was \(HumanFormat.percentChange(largest.change)) (\(MarkdownText.inline(largest.scenario)) "
                + "\(MarkdownText.code(largest.parameters.description)), adjusted p \(Self.p(largest.adjustedP)))."
        }
        if !detectable.isEmpty {
            out +=
                " At their noise and sample sizes these points could have detected changes of "
                + "±\(HumanFormat.fixed(detectable[detectable.count / 2] * 100, 1))% (median; "
                + "±\(HumanFormat.fixed((detectable.last ?? .nan) * 100, 1))% at worst), so \"unchanged\" means no "
                + "change that large."
        }
        return out + "\n\n"
    }

    /// `comparison.csv`: one row per compared point, parameters as columns.
    public func csv(_ comparison: Comparison) -> String {
        let names = Set(comparison.points.flatMap { $0.parameters.names }).sorted()
        let unit = comparison.metric.lowerIsBetter ? "_ns" : ""
        var lines = [
            CSVRenderer.line(
                ["base_run_id", "head_run_id", "metric", "scenario"] + names
                    + [
                        "base_n", "head_n", "base_median\(unit)", "head_median\(unit)", "ratio", "ratio_ci_low",
                        "ratio_ci_high",
                        "u_base", "p_value", "p_adjusted", "test", "hl_shift\(unit)", "hl_shift_ci_low\(unit)",
                        "hl_shift_ci_high\(unit)", "detectable_change", "verdict",
                    ])
        ]
        for point in comparison.points {
            lines.append(
                CSVRenderer.line(
                    [
                        String(comparison.base.id), String(comparison.head.id), comparison.metric.rawValue,
                        point.scenario,
                    ]
                        + names.map { point.parameters[$0]?.canonicalText ?? "" }
                        + [
                            String(point.baseCount), String(point.headCount),
                            CSVRenderer.number(point.baseMedian),
                            CSVRenderer.number(point.headMedian), CSVRenderer.number(point.ratio),
                            CSVRenderer.number(point.ratioLower), CSVRenderer.number(point.ratioUpper),
                            CSVRenderer.number(point.uBase), CSVRenderer.probability(point.pValue),
                            CSVRenderer.probability(point.adjustedP),
                            point.testMethod,
                            CSVRenderer.number(point.shift), CSVRenderer.number(point.shiftLower),
                            CSVRenderer.number(point.shiftUpper), CSVRenderer.number(point.detectableChange),
                            point.verdict.rawValue,
                        ]))
        }
        return lines.joined()
    }

    static func value(_ value: Double, _ metric: ComparisonMetric) -> String {
        metric.lowerIsBetter ? HumanFormat.milliseconds(value) : HumanFormat.fixed(value, 3)
    }

    static func p(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return value < 0.0001 ? String(format: "%.1e", value) : HumanFormat.fixed(value, 4)
    }
}
