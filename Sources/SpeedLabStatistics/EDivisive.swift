/// E-divisive means change-point detection with a permutation test and a size filter.
///
/// Finds the commits where a benchmark's timing history stepped to a new level
/// (Matteson & James 2014, "A nonparametric approach for multiple change point
/// analysis of multivariate data", JASA 109; the variant used by Apache Otava /
/// hunter). Procedure, with energy exponent α = 1:
/// 1. For a segment, find the split τ maximising Q̂ (`EnergyStatisticScanner`),
///    keeping at least `minimumSegmentSize` values on each side.
/// 2. Reject the split unless |mean_after − mean_before| / |mean_before| reaches
///    the series' minimum change (means of the two halves of that segment), and
///    the same holds for the medians of the two halves. The median condition
///    is a robustness guard: a few outliers move a mean but not a median. The
///    minimum change is the larger of `minimumRelativeChange` (a floor) and
///    `noiseMultiple` × the series' own relative noise (``SeriesNoise``), so a
///    2 % step stands out in a series whose runs vary by 0.5 %, and a 5 % wobble
///    does not in one whose runs vary by 3 %.
/// 3. Permutation test: shuffle the segment `permutations` times, take the best
///    Q̂ of each shuffle; p = (1 + #{Q̂_perm ≥ Q̂}) / (1 + permutations). Accept
///    when p ≤ `significance`. The loop stops early once p can no longer
///    pass, which does not change the decision.
/// 4. On acceptance, recurse into both halves (recursive bisection).
/// A segment's shuffles use `SeededGenerator` seeded from `seed` and the
/// segment bounds, so results are deterministic and independent of the order
/// in which segments are visited. Reported means are recomputed on the final
/// segmentation.
///
/// Defaults: 199 permutations, significance 0.05, minimum change max(1 %, 3σ̂),
/// minimum segment size 5 (smallest allowed: 2). A new level must
/// persist for at least 5 points, and because every segment has ≥ 5 points
/// and its median must move too, a run of up to ⌊(5 − 1)/2⌋ = 2 outliers
/// (anywhere, ends included) on an otherwise level series never becomes a
/// change point; longer runs usually do not either, but that is not guaranteed.
/// Cost per permutation is O(L log L); 1,000 points take a few milliseconds
/// in release builds.
public struct EDivisive: Sendable, Equatable {
    /// Shuffles per permutation test.
    public var permutations: Int
    /// Largest permutation p-value accepted.
    public var significance: Double
    /// The floor of the smallest |relative change of the mean| accepted, as a fraction
    /// (0.01 = 1 %), whatever the noise.
    public var minimumRelativeChange: Double
    /// The smallest change accepted, in units of the series' relative noise σ̂.
    public var noiseMultiple: Double
    /// Smallest number of points in any segment (≥ 2).
    public var minimumSegmentSize: Int
    /// Seed for the permutation shuffles.
    public var seed: UInt64

    /// Detector with the documented defaults.
    public init(
        permutations: Int = 199, significance: Double = 0.05, minimumRelativeChange: Double = 0.01,
        noiseMultiple: Double = 3, minimumSegmentSize: Int = 5, seed: UInt64 = 0x0E_D1_71_5E
    ) {
        self.permutations = permutations
        self.significance = significance
        self.minimumRelativeChange = minimumRelativeChange
        self.noiseMultiple = noiseMultiple
        self.minimumSegmentSize = minimumSegmentSize
        self.seed = seed
    }

    /// Change points of `series`, ascending by index. An empty or short series has none.
    public func changePoints(in series: [Double]) throws(StatisticsError) -> [ChangePoint] {
        for value in series where !value.isFinite { throw .nonFiniteValue }
        guard permutations > 0 else { throw .invalidArgument("permutations must be positive") }
        guard minimumSegmentSize >= 2 else { throw .invalidArgument("minimumSegmentSize must be at least 2") }
        guard minimumRelativeChange >= 0 else { throw .invalidArgument("minimumRelativeChange must be ≥ 0") }
        guard noiseMultiple >= 0 else { throw .invalidArgument("noiseMultiple must be ≥ 0") }
        let minimumChange = minimumChange(of: series)
        try StatisticsError.validateProbability(significance)

        var scanner = EnergyStatisticScanner()
        var accepted: [(index: Int, pValue: Double, statistic: Double)] = []
        var pending: [Range<Int>] = [0..<series.count]
        while let segment = pending.popLast() {
            let values = Array(series[segment])
            guard
                let split = scanner.bestSplit(
                    values: values, ranks: Self.ranks(of: values), minimumSegmentSize: minimumSegmentSize)
            else { continue }
            guard isLargeEnough(values[..<split.position], values[split.position...], minimumChange: minimumChange)
            else { continue }
            guard let pValue = permutationPValue(values, observed: split.statistic, segment: segment, scanner: &scanner)
            else { continue }
            let index = segment.lowerBound + split.position
            accepted.append((index, pValue, split.statistic))
            pending.append(index..<segment.upperBound)
            pending.append(segment.lowerBound..<index)
        }
        accepted.sort { $0.index < $1.index }
        let bounds = [0] + accepted.map(\.index) + [series.count]
        return accepted.enumerated().map { offset, point in
            ChangePoint(
                index: point.index,
                meanBefore: Self.mean(series[bounds[offset]..<bounds[offset + 1]]),
                meanAfter: Self.mean(series[bounds[offset + 1]..<bounds[offset + 2]]),
                pValue: point.pValue, statistic: point.statistic)
        }
    }

    /// The smallest relative change accepted in `series`: the floor, or `noiseMultiple` × its
    /// relative noise when that is larger.
    public func minimumChange(of series: [Double]) -> Double {
        minimumChange(noise: SeriesNoise.relative(series))
    }

    /// The smallest relative change accepted in a series of relative noise `noise`.
    public func minimumChange(noise: Double?) -> Double {
        max(minimumRelativeChange, noiseMultiple * (noise ?? 0))
    }

    /// Whether both the mean and the median moved by at least `minimumChange`.
    private func isLargeEnough(
        _ before: ArraySlice<Double>, _ after: ArraySlice<Double>, minimumChange: Double
    ) -> Bool {
        let meanChange = ChangePoint.relativeChange(from: Self.mean(before), to: Self.mean(after))
        let medianChange = ChangePoint.relativeChange(
            from: OrderStatistics.median(sorted: before.sorted()), to: OrderStatistics.median(sorted: after.sorted()))
        return abs(meanChange) >= minimumChange && abs(medianChange) >= minimumChange
    }

    /// The permutation p-value when it is ≤ `significance`, otherwise nil.
    private func permutationPValue(
        _ values: [Double], observed: Double, segment: Range<Int>, scanner: inout EnergyStatisticScanner
    ) -> Double? {
        let segmentSeed =
            seed ^ (UInt64(segment.lowerBound) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(segment.upperBound) &* 0xC2B2_AE3D_27D4_EB4F)
        var generator = SeededGenerator(seed: segmentSeed)
        var shuffled = values
        let originalRanks = Self.ranks(of: values)
        var shuffledRanks = originalRanks
        var order = Array(values.indices)
        let denominator = Double(permutations + 1)
        var atLeastAsLarge = 0
        for _ in 0..<permutations {
            generator.shuffle(&order)
            for (position, source) in order.enumerated() {
                shuffled[position] = values[source]
                shuffledRanks[position] = originalRanks[source]
            }
            let best = scanner.bestSplit(
                values: shuffled, ranks: shuffledRanks, minimumSegmentSize: minimumSegmentSize)
            if let best, best.statistic >= observed {
                atLeastAsLarge += 1
                if Double(atLeastAsLarge + 1) / denominator > significance { return nil }
            }
        }
        return Double(atLeastAsLarge + 1) / denominator
    }

    /// Rank of each value (0-based, ties broken by position).
    private static func ranks(of values: [Double]) -> [Int] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Int](repeating: 0, count: values.count)
        for (rank, index) in order.enumerated() { ranks[index] = rank }
        return ranks
    }

    private static func mean(_ values: ArraySlice<Double>) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
