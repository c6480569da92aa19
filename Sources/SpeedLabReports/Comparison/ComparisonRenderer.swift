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
        let content = ComparisonContent(comparison: comparison)
        return "# " + MarkdownSpans.write(content.title) + "\n\n" + MarkdownSpans.write(content.blocks)
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
