import SpeedLabCore

/// One measured point as a report shows it: medians with confidence intervals, speedup,
/// ideal speedup, efficiency, CPU utilisation, bottleneck, outliers and counters.
public struct PointRow: Sendable, Hashable {
    /// A value with its 95% confidence interval.
    public struct Estimate: Sendable, Hashable {
        public var value: Double
        public var lower: Double
        public var upper: Double
    }

    /// Which term of the scenario's lower bound limits it.
    public enum Bottleneck: String, Sendable, Hashable {
        case io = "I/O waves"
        case cpu = "CPU"
        /// Over http: the HTTP client's own CPU (requests × client CPU per call ÷ cores) is
        /// longer than the I/O waves and the kernel's CPU, so the point measures its client.
        case clientCPU = "client CPU"
        case overhead = "overhead"
    }

    public var pointID: PointID
    public var scenario: String
    public var parameters: ParameterPoint
    public var status: PointStatus
    public var samples: Int
    /// Median wall time and its distribution-free 95% CI, in nanoseconds.
    public var wall: Estimate?
    public var baselinePointID: PointID?
    public var baselineMedianNanos: Double?
    /// Baseline median ÷ this median, with a seeded bootstrap 95% CI.
    public var speedup: Estimate?
    public var idealNanos: Double?
    /// Baseline median ÷ this point's ideal time: the most it could gain here.
    public var idealSpeedup: Double?
    /// Ideal time ÷ median wall time.
    public var efficiency: Double?
    /// Median CPU time ÷ median wall time: cores busy on average.
    public var cpuUtilisation: Double?
    public var bottleneck: Bottleneck?
    public var mildOutliers: Int
    public var severeOutliers: Int
    /// Means of the scenario's counters over the measured samples, by metric name.
    public var counters: [String: Double]
    public var error: String?
    /// For a run with `repetitions: auto`: the median's 95% CI half-width relative to the
    /// median (nil under 6 repetitions), and whether it reached the run's precision.
    public var relativeHalfWidth: Double?
    public var reachedPrecision: Bool?
    /// What a command point ran; nil for the built-in scenarios.
    public var command: CommandRecord? = nil
}
