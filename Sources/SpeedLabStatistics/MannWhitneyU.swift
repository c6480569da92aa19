/// The two-sided Mann-Whitney U (Wilcoxon rank-sum) test, matching scipy 1.17.1.
///
/// Answers "do base and head timings come from the same distribution?"
/// without assuming normality. Reproduces
/// `scipy.stats.mannwhitneyu(x, y, alternative='two-sided')` with its defaults
/// (`method='auto'`, `use_continuity=True`):
/// - U = R₁ − n₁(n₁ + 1)/2 with R₁ the sum of the average ranks of `x` (U₁, the
///   statistic scipy reports); U₂ = n₁n₂ − U₁.
/// - Method: asymptotic when both n₁ > 8 and n₂ > 8, or when the pooled sample
///   has any tie; exact otherwise (scipy `_mwu_choose_method`).
/// - Exact: p = 2·P(U ≤ min(U₁, U₂)) from the tie-free null distribution
///   (`MannWhitneyNullDistribution`), clipped to 1.
/// - Asymptotic: z = (max(U₁, U₂) − n₁n₂/2 − ½) / σ with
///   σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))), p = 2·(1 − Φ(z)), clipped to [0, 1].
public struct MannWhitneyU: Sendable, Equatable {
    /// How the p-value was obtained.
    ///
    /// Chosen by scipy's 'auto' rule; see the type's documentation.
    public enum Method: String, Sendable, Equatable {
        /// Exact null distribution of U (no tie correction).
        case exact
        /// Normal approximation with tie and continuity correction.
        case asymptotic
    }

    /// U₁, the statistic of the first sample (scipy's `statistic`).
    public let u: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// Method used for `pValue`.
    public let method: Method
    /// Size of the first sample.
    public let firstCount: Int
    /// Size of the second sample.
    public let secondCount: Int

    /// Tests `x` against `y`; throws if either sample is empty or holds a non-finite value.
    public init(_ x: [Double], _ y: [Double]) throws(StatisticsError) {
        try StatisticsError.validate(x)
        try StatisticsError.validate(y)
        let n1 = x.count
        let n2 = y.count
        let ranking = RankTransform(x + y)
        let rankSum = ranking.ranks[0..<n1].reduce(0, +)
        let u1 = rankSum - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        u = u1
        firstCount = n1
        secondCount = n2
        if (n1 > 8 && n2 > 8) || ranking.hasTies {
            method = .asymptotic
            pValue = Self.asymptoticPValue(
                larger: Swift.max(u1, u2), n1: n1, n2: n2, tieTerm: ranking.tieTerm)
        } else {
            method = .exact
            let smaller = Int(Swift.min(u1, u2).rounded())
            let distribution = MannWhitneyNullDistribution(
                firstCount: n1, secondCount: n2, maximumU: smaller)
            pValue = Swift.min(1, 2 * distribution.cumulativeProbability(smaller))
        }
    }

    /// U₂ = n₁n₂ − U₁, the statistic of the second sample.
    public var secondU: Double { Double(firstCount * secondCount) - u }

    /// Common-language effect size U₁ / (n₁n₂): the probability that a value of
    /// `x` exceeds one of `y` (ties count one half).
    public var probabilityFirstGreater: Double { u / Double(firstCount * secondCount) }

    private static func asymptoticPValue(larger: Double, n1: Int, n2: Int, tieTerm: Double) -> Double {
        let first = Double(n1)
        let second = Double(n2)
        let total = first + second
        let mean = first * second / 2
        let variance = first * second / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
        let z = (larger - mean - 0.5) / Swift.max(variance, 0).squareRoot()
        let p = 2 * NormalDistribution.survival(z)
        return Swift.min(Swift.max(p, 0), 1)
    }
}
