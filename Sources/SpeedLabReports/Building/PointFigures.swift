import SpeedLabStatistics
import SpeedLabStore

/// The statistics of one point's measured samples: median wall time with its distribution-free
/// 95% CI, median CPU time and Tukey outliers (reported, never removed).
struct PointFigures: Sendable {
    var samples: Int
    var wall: PointRow.Estimate?
    var medianCPUNanos: Double?
    var mildOutliers = 0
    var severeOutliers = 0

    init(_ samples: PointSamples) {
        self.samples = samples.wallNanos.count
        guard let stats = try? DescriptiveStatistics(samples.wallNanos) else { return }
        let interval = try? MedianConfidenceInterval(samples.wallNanos)
        wall = PointRow.Estimate(
            value: stats.median, lower: interval?.lower ?? stats.min, upper: interval?.upper ?? stats.max)
        medianCPUNanos = (try? DescriptiveStatistics(samples.cpuNanos))?.median
        if let outliers = try? TukeyOutliers(samples.wallNanos) {
            mildOutliers = outliers.mildCount
            severeOutliers = outliers.severeCount
        }
    }

    /// Resamples for the speedup's bootstrap: 2,000 for ordinary sample sizes, fewer (never
    /// under 200) for very large ones, so a million-sample run still reports in seconds.
    static func resamples(baseline: Int, point: Int, preferred: Int) -> Int {
        let size = max(1, baseline + point)
        return max(200, min(preferred, 400_000 / size))
    }
}
