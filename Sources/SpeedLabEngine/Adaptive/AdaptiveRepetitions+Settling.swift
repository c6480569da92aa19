import SpeedLabCore
import SpeedLabStatistics

extension AdaptiveRepetitions {
    /// The median's 95% CI half-width relative to the median, or nil while the sample is too
    /// small for a 95% interval (under 6 values) or its median is not positive.
    public static func relativeHalfWidth(_ wallNanos: [Double]) -> Double? {
        guard let interval = try? MedianConfidenceInterval(wallNanos), interval.levelReached,
            let median = try? SortedSample(wallNanos).median, median > 0
        else { return nil }
        return (interval.upper - interval.lower) / 2 / median
    }

    /// Whether a point with these measured wall times needs no more repetitions: it reached
    /// the maximum, or (past its minimum) the precision or its time budget.
    public func isSettled(_ wallNanos: [Double]) -> Bool {
        if wallNanos.count >= maximum { return true }
        guard wallNanos.count >= minimum else { return false }
        if wallNanos.reduce(0, +) / 1e9 >= budgetSeconds { return true }
        return Self.relativeHalfWidth(wallNanos).map { $0 <= precision } ?? false
    }
}
