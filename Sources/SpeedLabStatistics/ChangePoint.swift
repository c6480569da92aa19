/// One change point found by `EDivisive` in a series of measurements.
///
/// Marks where a benchmark's timings moved to a new level: `index` is the first
/// point of the new segment, and the means are those of the whole segments on
/// either side (bounded by the neighbouring change points or the series ends).
public struct ChangePoint: Sendable, Equatable {
    /// Index of the first value of the new segment.
    public let index: Int
    /// Mean of the segment ending just before `index`.
    public let meanBefore: Double
    /// Mean of the segment starting at `index`.
    public let meanAfter: Double
    /// 100 · (meanAfter − meanBefore) / |meanBefore|; ±∞ when meanBefore is 0 and the means differ.
    public let relativeChangePercent: Double
    /// Permutation p-value, (1 + #permuted Q̂ ≥ observed) / (1 + permutations).
    public let pValue: Double
    /// The energy statistic Q̂ of the accepted split.
    public let statistic: Double

    /// Creates a change point; `relativeChangePercent` is derived from the means.
    public init(index: Int, meanBefore: Double, meanAfter: Double, pValue: Double, statistic: Double) {
        self.index = index
        self.meanBefore = meanBefore
        self.meanAfter = meanAfter
        self.pValue = pValue
        self.statistic = statistic
        relativeChangePercent = 100 * Self.relativeChange(from: meanBefore, to: meanAfter)
    }

    /// (after − before) / |before|, with 0/0 → 0 and x/0 → ±∞.
    static func relativeChange(from before: Double, to after: Double) -> Double {
        let difference = after - before
        if before == 0 {
            if difference == 0 { return 0 }
            return difference > 0 ? .infinity : -.infinity
        }
        return difference / abs(before)
    }
}
