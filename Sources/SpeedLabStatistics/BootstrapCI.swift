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
/// resampling uses `SeededGenerator`. A round counts drawn ranks in a reused
/// buffer, so it allocates nothing, and the interval's bounds are found by
/// selection rather than by sorting the rounds.
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

        var generator = SeededGenerator(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        // One counting buffer for both samples, allocated once: a round allocates nothing.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(numerator.count, denominator.count)) { counts in
            sortedNumerator.withUnsafeBufferPointer { top in
                sortedDenominator.withUnsafeBufferPointer { bottom in
                    for _ in 0..<resamples {
                        let ratio =
                            Self.resampledMedian(top, counts: counts, using: &generator)
                            / Self.resampledMedian(bottom, counts: counts, using: &generator)
                        if ratio.isFinite { ratios.append(ratio) }
                    }
                }
            }
        }
        guard !ratios.isEmpty else { throw .zeroDenominator }
        let alpha = 1 - level
        resamplesUsed = ratios.count
        let bounds = OrderStatistics.quantiles(selecting: &ratios, probabilities: [alpha / 2, 1 - alpha / 2])
        lower = bounds[0]
        upper = bounds[1]
    }

    /// Width upper − lower.
    public var width: Double { upper - lower }

    /// The median of one resample of `sorted` (drawn with replacement, same size), found by
    /// counting how often each rank is drawn: because `sorted` is ordered, the resample's
    /// median is the value at the median of the drawn ranks, so no selection is needed.
    /// Samples of up to 8 count in the bytes of one register, larger ones in `counts`.
    private static func resampledMedian(
        _ sorted: UnsafeBufferPointer<Double>, counts: UnsafeMutableBufferPointer<Int>,
        using generator: inout SeededGenerator
    ) -> Double {
        let count = sorted.count
        if count <= 8 { return packedResampledMedian(sorted, using: &generator) }
        // The draws dominate a report's statistics: `counts` is at least as long as `sorted`,
        // and every index below is a drawn rank (< count) or stays within the drawn ranks, so
        // the buffer is used without bounds checks.
        let slots = counts.baseAddress!
        slots.update(repeating: 0, count: count)
        // A count never exceeds `count`, so it cannot overflow.
        for _ in 0..<count { slots[generator.nextIndex(below: count)] &+= 1 }
        let upper = count / 2  // 0-based rank of the upper middle
        var seen = 0
        var rank = 0
        while seen + slots[rank] <= upper {
            seen += slots[rank]
            rank += 1
        }
        if count % 2 == 1 { return sorted[rank] }
        // The lower middle (rank upper − 1) is the same value unless it falls before `rank`.
        if seen <= upper - 1 { return sorted[rank] }
        var lower = rank - 1
        while slots[lower] == 0 { lower -= 1 }
        return (sorted[lower] + sorted[rank]) / 2
    }

    /// `resampledMedian` for at most 8 values, each rank's count in a byte of one integer (a
    /// count is at most 8), so that the draws add in a register rather than in memory, and the
    /// median's rank comes from the bytes' running sums without a data-dependent branch.
    @inline(__always)
    private static func packedResampledMedian(
        _ sorted: UnsafeBufferPointer<Double>, using generator: inout SeededGenerator
    ) -> Double {
        let count = sorted.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var lanes: UInt64 = 0
        for _ in 0..<count { lanes &+= 1 &<< (UInt64(generator.nextIndex(below: count)) &* 8) }
        // Byte i of `running` is how many draws fell at ranks 0...i (at most 8: no carries).
        let running = lanes &* ones
        let upper = count / 2  // 0-based rank of the upper middle
        // The median's rank is the number of ranks whose running count is ≤ upper; a byte
        // plus 127 − upper has its high bit set exactly when the byte exceeds upper.
        let beyond = (running &+ UInt64(0x7F - upper) &* ones) & highBits
        let rank = 8 - beyond.nonzeroBitCount
        let upperValue = sorted[rank]
        if count % 2 == 1 { return upperValue }
        // The lower middle (rank upper − 1) is the same value unless every draw before `rank`
        // is below it; then it is the greatest drawn rank below `rank`.
        let seen = Int(truncatingIfNeeded: ((running &<< 8) &>> UInt64(8 &* rank)) & 0xFF)
        let drawnBelow = (lanes &+ 0x7F7F_7F7F_7F7F_7F7F) & highBits & ((1 &<< UInt64(8 &* rank)) &- 1)
        let lower = drawnBelow == 0 ? rank : (63 - drawnBelow.leadingZeroBitCount) / 8
        return seen <= upper - 1 ? upperValue : (sorted[lower] + upperValue) / 2
    }
}
