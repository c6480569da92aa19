import SpeedLabCore

/// One point measured by both runs: medians, their ratio with a bootstrap CI, the
/// Mann-Whitney U test (p-value adjusted across points), the Hodges-Lehmann shift with its
/// CI, the smallest change detectable at this noise, and the verdict.
public struct PointComparison: Sendable, Hashable {
    /// What a comparison concludes about a point.
    public enum Verdict: String, Sendable, Hashable {
        case regression
        case improvement
        case unchanged
    }

    public var point: PointKey
    public var baseCount: Int
    public var headCount: Int
    public var baseMedian: Double
    public var headMedian: Double
    /// head median ÷ base median, with a seeded bootstrap 95% CI.
    public var ratio: Double
    public var ratioLower: Double
    public var ratioUpper: Double
    /// U of the head sample (`MannWhitneyU(head, base)`).
    public var u: Double
    public var pValue: Double
    /// The p-value after Benjamini-Hochberg adjustment across the compared points.
    public var adjustedP: Double
    public var testMethod: String
    /// Hodges-Lehmann shift head − base with its 95% CI, in the metric's stored unit.
    public var shift: Double
    public var shiftLower: Double
    public var shiftUpper: Double
    /// The smallest relative change the test could detect here (α, power 0.8).
    public var detectableChange: Double
    public var verdict: Verdict

    public var scenario: String { point.scenario }
    public var parameters: ParameterPoint { point.parameters }

    /// U of the base sample, as `scipy.stats.mannwhitneyu(base, head).statistic` reports it:
    /// n_base · n_head − U_head.
    public var uBase: Double { Double(baseCount * headCount) - u }

    /// Relative change of the median, head vs base (+0.12 = 12% larger).
    public var change: Double { ratio - 1 }
}
