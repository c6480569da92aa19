import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``Comparison`` as Markdown (regressions first, then improvements, then the
/// unchanged points summarised) and as CSV (one row per compared point).
public struct ComparisonRenderer: Sendable {
    public init() {}

    public func markdown(_ comparison: Comparison) -> String {
        let base = comparison.base
        let head = comparison.head
        var out = """
            # SpeedLab comparison — run \(base.id)\(base.label.map { " (\($0))" } ?? "") → run \(head.id)\(head.label.map { " (\($0))" } ?? "")

            Metric: **\(comparison.metric.rawValue)** (\(comparison.metric.lowerIsBetter ? "lower" : "higher") is better). \
            A point changed when its Mann-Whitney U p-value, adjusted across the \(comparison.points.count) compared points \
            (Benjamini-Hochberg), is under \(fixed(comparison.alpha, 3)) **and** its median moved by at least \
            \(fixed(comparison.threshold * 100, 1))%.

            | | regressions | improvements | unchanged | unmatched |
            |---|---|---|---|---|
            | points | \(comparison.regressions.count) | \(comparison.improvements.count) | \(comparison.unchanged.count) | \(comparison.unmatched.count) |


            """
        out += environment(comparison)
        if !comparison.warnings.isEmpty {
            out +=
                "## Warnings\n\n"
                + comparison.warnings.map { "- **\($0.message)** Remedy: \($0.remedy)" }
                .joined(separator: "\n") + "\n\n"
        }
        out += table("Regressions", comparison.regressions, comparison.metric)
        out += table("Improvements", comparison.improvements, comparison.metric)
        out += unchanged(comparison)
        if !comparison.unmatched.isEmpty {
            out += "## Unmatched points\n\nMeasured by one run only, so not compared:\n\n"
            for point in comparison.unmatched {
                out += "- run \(point.run): \(point.scenario) `\(point.parameters)`\n"
            }
            out += "\n"
        }
        return out
    }

    private func environment(_ comparison: Comparison) -> String {
        guard !comparison.differences.isEmpty else {
            return "Both runs share their environment (cores, build, CPU, Swift, commit, host).\n\n"
        }
        var out =
            "## Environment differences\n\n| field | run \(comparison.base.id) | run \(comparison.head.id) |\n|---|---|---|\n"
        for difference in comparison.differences {
            out += "| \(difference.field) | \(difference.base) | \(difference.head) |\n"
        }
        return out + "\n"
    }

    private func table(_ title: String, _ points: [PointComparison], _ metric: ComparisonMetric) -> String {
        guard !points.isEmpty else { return "## \(title)\n\nNone.\n\n" }
        let sorted = points.sorted { abs($0.change) > abs($1.change) }
        var out = "## \(title)\n\n"
        out +=
            "| scenario | parameters | base \(metric.label) | head \(metric.label) | change [95% CI] | p (adjusted) | Hodges-Lehmann shift [95% CI] | detectable | n |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for point in sorted {
            out +=
                "| \(point.scenario) | `\(point.parameters)` | \(Self.value(point.baseMedian, metric)) | "
                + "\(Self.value(point.headMedian, metric)) | \(Self.percent(point.change)) "
                + "[\(Self.percent(point.ratioLower - 1)), \(Self.percent(point.ratioUpper - 1))] | "
                + "\(Self.p(point.pValue)) (\(Self.p(point.adjustedP))) | "
                + "\(Self.value(point.shift, metric)) [\(Self.value(point.shiftLower, metric)), \(Self.value(point.shiftUpper, metric))] | "
                + "±\(fixed(point.detectableChange * 100, 1))% | \(point.baseCount)/\(point.headCount) |\n"
        }
        return out + "\n"
    }

    private func unchanged(_ comparison: Comparison) -> String {
        let points = comparison.unchanged
        guard !points.isEmpty else { return "## Unchanged\n\nNone.\n\n" }
        let largest = points.max { abs($0.change) < abs($1.change) }
        let detectable = points.map(\.detectableChange).filter(\.isFinite).sorted()
        var out =
            "## Unchanged\n\n\(points.count) points show no significant change of at least "
            + "\(fixed(comparison.threshold * 100, 1))%."
        if let largest {
            out +=
                " The largest move was \(Self.percent(largest.change)) (\(largest.scenario) `\(largest.parameters)`, "
                + "adjusted p \(Self.p(largest.adjustedP)))."
        }
        if !detectable.isEmpty {
            out +=
                " At their noise and sample sizes these points could have detected changes of "
                + "±\(fixed(detectable[detectable.count / 2] * 100, 1))% (median; "
                + "±\(fixed((detectable.last ?? .nan) * 100, 1))% at worst), so \"unchanged\" means no change that large."
        }
        return out + "\n\n"
    }

    /// `comparison.csv`: one row per compared point, parameters as columns.
    public func csv(_ comparison: Comparison) -> String {
        let names = Set(comparison.points.flatMap { $0.parameters.names }).sorted()
        let unit = comparison.metric.lowerIsBetter ? "_ms" : ""
        var lines = [
            CSVRenderer.line(
                ["base_run_id", "head_run_id", "metric", "scenario"] + names
                    + [
                        "base_n", "head_n", "base_median\(unit)", "head_median\(unit)", "ratio", "ratio_ci_low",
                        "ratio_ci_high",
                        "u", "p_value", "p_adjusted", "test", "hl_shift\(unit)", "hl_shift_ci_low\(unit)",
                        "hl_shift_ci_high\(unit)", "detectable_change", "verdict",
                    ])
        ]
        let scale = comparison.metric.displayScale
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
                            CSVRenderer.number(point.baseMedian * scale),
                            CSVRenderer.number(point.headMedian * scale), CSVRenderer.number(point.ratio),
                            CSVRenderer.number(point.ratioLower), CSVRenderer.number(point.ratioUpper),
                            CSVRenderer.number(point.u), Self.p(point.pValue), Self.p(point.adjustedP),
                            point.testMethod,
                            CSVRenderer.number(point.shift * scale), CSVRenderer.number(point.shiftLower * scale),
                            CSVRenderer.number(point.shiftUpper * scale), CSVRenderer.number(point.detectableChange),
                            point.verdict.rawValue,
                        ]))
        }
        return lines.joined()
    }

    static func value(_ value: Double, _ metric: ComparisonMetric) -> String {
        metric.lowerIsBetter ? millis(value) : fixed(value, 3)
    }

    static func percent(_ change: Double) -> String {
        guard change.isFinite else { return "-" }
        return (change >= 0 ? "+" : "") + fixed(change * 100, 1) + "%"
    }

    static func p(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return value < 0.0001 ? String(format: "%.1e", value) : fixed(value, 4)
    }
}
