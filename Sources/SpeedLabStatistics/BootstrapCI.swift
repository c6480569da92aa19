/// A seeded percentile-bootstrap confidence interval for the ratio of two medians.
///
/// Used to report a speedup such as median(head) / median(base) with an
/// interval. Each of `resamples` rounds draws both samples with replacement
/// (independently, same sizes), and records median(a*) / median(b*). The
/// interval is the type-7 quantiles (α/2, 1 − α/2) of those ratios, α = 1 − level
/// (Efron & Tibshirani 1993, §13.3, percentile method). Rounds whose resampled
/// denominator median is 0 are skipped.
///
/// Deterministic: the same inputs and `seed` give the same interval, because
/// resampling uses `SeededGenerator`. The ranks each round draws do not depend on
/// the values, so they are drawn once per sample sizes, rounds and seed
/// (``BootstrapPlan``) and every interval of those sizes reuses them: the same
/// interval as drawing each round again, for a division per distinct pair of
/// resampled medians.
public struct BootstrapCI: Sendable, Equatable {
    /// median(numerator) / median(denominator) of the original samples.
    public let estimate: Double
    /// Lower percentile bound.
    public let lower: Double
    /// Upper percentile bound.
    public let upper: Double
    /// Confidence level of the interval.
    public let level: Double
    /// Number of bootstrap rounds whose ratio was finite and used.
    public let resamplesUsed: Int

    /// Bootstraps median(numerator)/median(denominator).
    /// - Parameters:
    ///   - numerator: sample whose median is on top (e.g. head timings).
    ///   - denominator: sample whose median is below (e.g. base timings); its median must be non-zero.
    ///   - resamples: bootstrap rounds, default 2,000.
    ///   - level: confidence level, default 0.95.
    ///   - seed: seed for `SeededGenerator`.
    public init(
        numerator: [Double],
        denominator: [Double],
        resamples: Int = 2_000,
        level: Double = 0.95,
        seed: UInt64 = 0x5EED
    ) throws(StatisticsError) {
        try StatisticsError.validate(numerator)
        try StatisticsError.validate(denominator)
        try StatisticsError.validateProbability(level)
        guard resamples > 0 else { throw .invalidArgument("resamples must be positive") }
        let sortedNumerator = numerator.sorted()
        let sortedDenominator = denominator.sorted()
        let denominatorMedian = OrderStatistics.median(sorted: sortedDenominator)
        guard denominatorMedian != 0 else { throw .zeroDenominator }
        estimate = OrderStatistics.median(sorted: sortedNumerator) / denominatorMedian
        self.level = level

        // The rounds' median ranks depend on the sizes, rounds and seed only: the plan holds
        // them once per process, so each interval divides once per distinct pair of ranks.
        let plan = BootstrapPlan.plan(
            numeratorCount: numerator.count, denominatorCount: denominator.count, resamples: resamples, seed: seed)
        var ratios: [(value: Double, rounds: Int)] = []
        ratios.reserveCapacity(plan.cells.count)
        sortedNumerator.withUnsafeBufferPointer { top in
            sortedDenominator.withUnsafeBufferPointer { bottom in
                for cell in plan.cells {
                    let ratio = cell.numerator.value(in: top) / cell.denominator.value(in: bottom)
                    if ratio.isFinite { ratios.append((ratio, cell.rounds)) }
                }
            }
        }
        guard !ratios.isEmpty else { throw .zeroDenominator }
        ratios.sort { $0.value < $1.value }
        let used = ratios.reduce(0) { $0 + $1.rounds }
        let alpha = 1 - level
        resamplesUsed = used
        lower = Self.quantile(ratios, rounds: used, probability: alpha / 2)
        upper = Self.quantile(ratios, rounds: used, probability: 1 - alpha / 2)
    }

    /// The type-7 quantile of the rounds' ratios, given as ascending distinct values with how
    /// many rounds gave each: the value `OrderStatistics.quantile(sorted:probability:)` gives
    /// for the ratios listed round by round, bit for bit.
    private static func quantile(_ ratios: [(value: Double, rounds: Int)], rounds: Int, probability p: Double)
        -> Double
    {
        let position = Double(rounds - 1) * min(max(p, 0), 1)
        let lowerRank = min(Int(position.rounded(.down)), rounds - 1)
        let upperRank = min(lowerRank + 1, rounds - 1)
        let fraction = position - Double(lowerRank)
        var lowerValue = ratios[0].value
        var upperValue = ratios[0].value
        var before = 0  // rounds in the entries before this one
        for entry in ratios {
            if before <= lowerRank { lowerValue = entry.value }
            if before <= upperRank { upperValue = entry.value } else { break }
            before += entry.rounds
        }
        let difference = upperValue - lowerValue
        return fraction >= 0.5 ? upperValue - difference * (1 - fraction) : lowerValue + difference * fraction
    }

    /// Width upper − lower.
    public var width: Double { upper - lower }
}
