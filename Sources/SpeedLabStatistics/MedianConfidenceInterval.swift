import Foundation

/// A distribution-free confidence interval for the median from order statistics.
///
/// For a sample of n values, the number B of values below the true median is
/// Binomial(n, ½). The interval [x₍ₗ₎, x₍ᵤ₎] with u = n + 1 − l (1-based ranks
/// of the sorted sample) covers the median with probability
/// P(l ≤ B ≤ n − l) = 1 − 2·P(B ≤ l − 1).
/// The chosen l is the largest (narrowest symmetric interval) whose coverage is
/// at least `level`. When even l = 1 (min…max, coverage 1 − 2^(1−n)) falls
/// short, as for n ≤ 5 at 95 %, the interval is min…max, `levelReached` is
/// false and `coverage` is what min…max actually achieves.
/// Comparisons allow a relative slack of 1e-12 on α/2 against rounding.
/// Source: Conover, *Practical Nonparametric Statistics*, §3.2.
public struct MedianConfidenceInterval: Sendable, Equatable {
    /// Lower bound x₍ₗ₎.
    public let lower: Double
    /// Upper bound x₍ᵤ₎.
    public let upper: Double
    /// 1-based rank l of the lower bound in the sorted sample.
    public let lowerRank: Int
    /// 1-based rank u = n + 1 − l of the upper bound.
    public let upperRank: Int
    /// Requested confidence level.
    public let level: Double
    /// Exact coverage 1 − 2·P(B ≤ l − 1) of the returned interval.
    public let coverage: Double
    /// Whether `coverage` ≥ `level`; false only when n is too small.
    public let levelReached: Bool

    /// Interval for the median of `values` at `level` (default 0.95).
    public init(_ values: [Double], level: Double = 0.95) throws(StatisticsError) {
        try StatisticsError.validate(values)
        let ranks = try Self.ranks(count: values.count, level: level)
        let sorted = values.sorted()
        lower = sorted[ranks.lowerRank - 1]
        upper = sorted[ranks.upperRank - 1]
        lowerRank = ranks.lowerRank
        upperRank = ranks.upperRank
        self.level = level
        coverage = ranks.coverage
        levelReached = ranks.levelReached
    }

    /// The ranks and coverage used for a sample of `count` values, without the values.
    public static func ranks(
        count: Int, level: Double = 0.95
    ) throws(StatisticsError) -> (lowerRank: Int, upperRank: Int, coverage: Double, levelReached: Bool) {
        guard count > 0 else { throw .emptySample }
        try StatisticsError.validateProbability(level)
        let alphaHalf = (1 - level) / 2 * (1 + 1e-12)
        // Walk the Binomial(n, ½) CDF upwards in log space (no underflow for large n).
        let logHalfPower = -Double(count) * log(2.0)
        var logProbability = logHalfPower  // log P(B = 0)
        var cumulative = 0.0  // P(B ≤ i)
        var bestRank = 0
        var bestTail = 0.0
        let maximumRank = (count + 1) / 2
        for i in 0..<maximumRank {
            cumulative += exp(logProbability)
            if cumulative > alphaHalf { break }
            bestRank = i + 1  // P(B ≤ l − 1) ≤ α/2 with l − 1 = i
            bestTail = cumulative
            logProbability += log(Double(count - i) / Double(i + 1))
        }
        if bestRank == 0 {
            let tail = exp(logHalfPower)
            return (1, count, Swift.max(0, 1 - 2 * tail), false)
        }
        return (bestRank, count + 1 - bestRank, 1 - 2 * bestTail, true)
    }
}
