/// The smallest shift of the median a two-sided Mann-Whitney test could reliably detect.
///
/// Tells the user whether "no significant change" means "no change" or "too
/// few runs to tell". Normal approximation: a two-sample t-test detects
/// δ = (z₁₋α/₂ + z_power)·σ·√(1/n₁ + 1/n₂); the Mann-Whitney test has asymptotic
/// relative efficiency 3/π against it for normal data, i.e. needs π/3 times as
/// many observations, so
/// δ = (z₁₋α/₂ + z_power)·σ·√(1/n₁ + 1/n₂) / √(3/π)
/// (Lehmann, *Nonparametrics*, §2.4). The relative figure divides by |baseline|.
/// σ is the caller's noise estimate; `pooledNoise(base:head:)` offers the
/// pooled scaled MAD, which resists outliers.
public struct MinimumDetectableChange: Sendable, Equatable {
    /// Detectable absolute change, in the units of the samples.
    public let absolute: Double
    /// `absolute` / |baseline| (0.05 means 5 %).
    public let relative: Double

    /// Detectable change for sizes `firstCount`, `secondCount` and noise σ = `noise`.
    /// - Parameters:
    ///   - baseline: the level the change is relative to (e.g. the base median); must be non-zero.
    ///   - alpha: two-sided significance level, default 0.05.
    ///   - power: probability of detecting a change of that size, default 0.8.
    public init(
        firstCount: Int, secondCount: Int, noise: Double, baseline: Double,
        alpha: Double = 0.05, power: Double = 0.8
    ) throws(StatisticsError) {
        guard firstCount > 0, secondCount > 0 else { throw .emptySample }
        guard noise.isFinite, noise >= 0 else { throw .invalidArgument("noise must be finite and ≥ 0") }
        guard baseline.isFinite else { throw .nonFiniteValue }
        guard baseline != 0 else { throw .zeroDenominator }
        try StatisticsError.validateProbability(alpha)
        try StatisticsError.validateProbability(power)
        let zSum = NormalDistribution.quantile(1 - alpha / 2) + NormalDistribution.quantile(power)
        let sizeFactor = (1 / Double(firstCount) + 1 / Double(secondCount)).squareRoot()
        let efficiency = (3 / Double.pi).squareRoot()
        absolute = zSum * noise * sizeFactor / efficiency
        relative = absolute / abs(baseline)
    }

    /// Detectable change between `base` and `head`, using `pooledNoise` and the base median.
    public init(base: [Double], head: [Double], alpha: Double = 0.05, power: Double = 0.8) throws(StatisticsError) {
        let baseSummary = try DescriptiveStatistics(base)
        try self.init(
            firstCount: base.count, secondCount: head.count,
            noise: try Self.pooledNoise(base: base, head: head),
            baseline: baseSummary.median, alpha: alpha, power: power)
    }

    /// Pooled robust σ: √(((n₁−1)·s₁² + (n₂−1)·s₂²) / (n₁+n₂−2)) with s = 1.4826·MAD.
    /// With a single value in total it returns 0.
    public static func pooledNoise(base: [Double], head: [Double]) throws(StatisticsError) -> Double {
        let first = try DescriptiveStatistics(base)
        let second = try DescriptiveStatistics(head)
        let degrees = Double(first.count + second.count - 2)
        guard degrees > 0 else { return 0 }
        let weighted =
            Double(first.count - 1) * first.scaledMAD * first.scaledMAD
            + Double(second.count - 1) * second.scaledMAD * second.scaledMAD
        return (weighted / degrees).squareRoot()
    }
}
