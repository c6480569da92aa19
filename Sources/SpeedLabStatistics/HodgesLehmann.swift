/// The two-sample Hodges-Lehmann shift estimate with its Moses confidence interval.
///
/// Estimates how far head timings moved relative to base timings, robustly.
/// Sign convention: head minus base. With base xᵢ (n₁ values) and head yⱼ
/// (n₂ values), the N = n₁n₂ pairwise differences dᵢⱼ = yⱼ − xᵢ are sorted;
/// the estimate is their median (Hodges & Lehmann 1963), so a slower head
/// gives a positive shift.
///
/// Interval (Moses; Hollander & Wolfe, *Nonparametric Statistical Methods*,
/// §4.3): [d₍ₖ₎, d₍N+1−k₎] (1-based), where k is the largest integer with
/// P(U ≤ k − 1) ≤ α/2 under H₀, α = 1 − level; its coverage is
/// 1 − 2·P(U ≤ k − 1).
/// - `.exact` when n₁n₂ ≤ 2,500: P from the exact tie-free null distribution of U.
/// - `.normal` otherwise: with continuity correction,
///   k = ⌊n₁n₂/2 + ½ − z₁₋α/₂·√(n₁n₂(n₁+n₂+1)/12)⌋ and coverage
///   1 − 2Φ((k − ½ − n₁n₂/2)/σ). No tie correction is applied.
/// If no k ≥ 1 qualifies (tiny samples), k = 1 (the full range of differences)
/// and `levelReached` is false.
public struct HodgesLehmann: Sendable, Equatable {
    /// How the critical value k was found.
    ///
    /// `.exact` when n₁n₂ ≤ `exactProductLimit`, `.normal` otherwise.
    public enum Method: String, Sendable, Equatable {
        /// Exact null distribution of the Mann-Whitney U statistic.
        case exact
        /// Normal approximation to that distribution.
        case normal
    }

    /// Median of all pairwise differences head − base.
    public let estimate: Double
    /// Lower bound d₍ₖ₎.
    public let lower: Double
    /// Upper bound d₍N+1−k₎.
    public let upper: Double
    /// The order-statistic index k (1-based).
    public let criticalIndex: Int
    /// Requested level.
    public let level: Double
    /// Achieved coverage of [lower, upper] under the null distribution used.
    public let coverage: Double
    /// Whether a k ≥ 1 with coverage ≥ level existed.
    public let levelReached: Bool
    /// How k was computed.
    public let method: Method

    /// Largest n₁n₂ for which the exact null distribution is used.
    public static let exactProductLimit = 2_500

    /// Shift of `head` relative to `base` with a `level` (default 0.95) interval.
    public init(base: [Double], head: [Double], level: Double = 0.95) throws(StatisticsError) {
        try StatisticsError.validate(base)
        try StatisticsError.validate(head)
        try StatisticsError.validateProbability(level)
        var differences: [Double] = []
        differences.reserveCapacity(base.count * head.count)
        for x in base {
            for y in head { differences.append(y - x) }
        }
        differences.sort()
        let pairCount = differences.count
        let alphaHalf = (1 - level) / 2
        let critical: (k: Int, coverage: Double)
        if pairCount <= Self.exactProductLimit {
            method = .exact
            critical = Self.exactCritical(base.count, head.count, alphaHalf: alphaHalf)
        } else {
            method = .normal
            critical = Self.normalCritical(base.count, head.count, alphaHalf: alphaHalf)
        }
        let k = Swift.max(critical.k, 1)
        levelReached = critical.k >= 1
        coverage =
            critical.k >= 1
            ? critical.coverage
            : Self.coverage(
                ofIndex: 1, base.count, head.count, method: method)
        criticalIndex = k
        estimate = OrderStatistics.median(sorted: differences)
        lower = differences[k - 1]
        upper = differences[pairCount - k]
        self.level = level
    }

    private static func exactCritical(_ n1: Int, _ n2: Int, alphaHalf: Double) -> (k: Int, coverage: Double) {
        let product = n1 * n2
        let distribution = MannWhitneyNullDistribution(firstCount: n1, secondCount: n2, maximumU: product / 2)
        let threshold = alphaHalf * (1 + 1e-12)
        var cumulative = 0.0
        var best = (k: 0, coverage: 0.0)
        for u in 0...(product / 2) {
            cumulative += distribution.counts[u] / distribution.total
            if cumulative > threshold { break }
            best = (u + 1, 1 - 2 * cumulative)  // P(U ≤ k − 1) with k − 1 = u
        }
        return best
    }

    private static func normalCritical(_ n1: Int, _ n2: Int, alphaHalf: Double) -> (k: Int, coverage: Double) {
        let (mean, sd) = normalMoments(n1, n2)
        let z = NormalDistribution.quantile(1 - alphaHalf)
        let k = Int((mean + 0.5 - z * sd).rounded(.down))
        return (k, coverage(ofIndex: k, n1, n2, method: .normal))
    }

    private static func coverage(ofIndex k: Int, _ n1: Int, _ n2: Int, method: Method) -> Double {
        switch method {
        case .exact:
            let distribution = MannWhitneyNullDistribution(firstCount: n1, secondCount: n2, maximumU: k - 1)
            return 1 - 2 * distribution.cumulativeProbability(k - 1)
        case .normal:
            let (mean, sd) = normalMoments(n1, n2)
            return 1 - 2 * NormalDistribution.cdf((Double(k) - 0.5 - mean) / sd)
        }
    }

    private static func normalMoments(_ n1: Int, _ n2: Int) -> (mean: Double, sd: Double) {
        let product = Double(n1 * n2)
        return (product / 2, (product * Double(n1 + n2 + 1) / 12).squareRoot())
    }
}
