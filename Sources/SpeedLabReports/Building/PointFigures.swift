import SpeedLabStatistics
import SpeedLabStore

/// The statistics of one point's measured samples: median wall time with its distribution-free
/// 95% CI, median CPU time and Tukey outliers (reported, never removed). Each sample is
/// sorted once.
struct PointFigures: Sendable {
    var samples: Int
    /// Wall times, sorted (empty when the point has no samples).
    var sortedWall: [Double] = []
    var wall: PointRow.Estimate?
    var medianCPUNanos: Double?
    var mildOutliers = 0
    var severeOutliers = 0

    init(_ samples: PointTimings) {
        self.samples = samples.wallNanos.count
        guard let sorted = try? SortedSample(samples.wallNanos) else { return }
        sortedWall = sorted.values
        let median = sorted.median
        let interval = try? sorted.medianInterval()
        wall = PointRow.Estimate(value: median, lower: interval?.lower ?? median, upper: interval?.upper ?? median)
        medianCPUNanos = (try? SortedSample(samples.cpuNanos))?.median
        (mildOutliers, severeOutliers) = sorted.tukeyCounts
    }

    /// Resamples for the speedup's bootstrap: 2,000 for ordinary sample sizes, fewer (never
    /// under 200) for very large ones, so a million-sample run still reports in seconds.
    static func resamples(baseline: Int, point: Int, preferred: Int) -> Int {
        let size = max(1, baseline + point)
        return max(200, min(preferred, 400_000 / size))
    }
}
