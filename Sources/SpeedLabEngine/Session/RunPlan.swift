import SpeedLabCore

/// Everything the runner needs: every point of the run with its store id and what is already
/// measured, and how many repetitions and warm-ups each point gets.
public struct RunPlan: Sendable {
    /// A point of the plan and where it stands.
    public struct Entry: Sendable {
        public var point: PlannedPoint
        /// Its id in the recorder (nil for a plan that is only estimated).
        public var pointID: PointID?
        /// Measured repetitions already recorded (empty for a new run).
        public var measured: Set<Int>
        /// The checksum already recorded, so a resumed run still checks against it.
        public var checksum: UInt64?
        /// Wall times of the measured repetitions already recorded (what an adaptive run
        /// continues from).
        public var measuredWallNanos: [Double]
        /// Whether its traced repetition is already recorded.
        public var hasTrace: Bool

        public init(
            point: PlannedPoint, pointID: PointID?, measured: Set<Int> = [], checksum: UInt64? = nil,
            measuredWallNanos: [Double] = [], hasTrace: Bool = false
        ) {
            self.point = point
            self.pointID = pointID
            self.measured = measured
            self.checksum = checksum
            self.measuredWallNanos = measuredWallNanos
            self.hasTrace = hasTrace
        }
    }

    /// One entry per point, in ordinal order (`entries[i].point.ordinal == i`).
    public private(set) var entries: [Entry]
    /// Measured repetitions per point; with `adaptive`, the most a point may get.
    public var repetitions: Int
    public var warmup: Int
    /// `repetitions: auto`: points stop once their median is known to the precision.
    public var adaptive: AdaptiveRepetitions?

    public init(entries: [Entry], repetitions: Int, warmup: Int, adaptive: AdaptiveRepetitions? = nil) {
        precondition(
            entries.indices.allSatisfy { entries[$0].point.ordinal == $0 }, "plan entries must be in ordinal order")
        self.entries = entries
        self.repetitions = repetitions
        self.warmup = warmup
        self.adaptive = adaptive
    }

    /// A plan of fresh points that no recorder knows yet (what `--dry-run` estimates).
    public init(points: [PlannedPoint], repetitions: Int, warmup: Int, adaptive: AdaptiveRepetitions? = nil) {
        self.init(
            entries: points.map { Entry(point: $0, pointID: nil) }, repetitions: repetitions, warmup: warmup,
            adaptive: adaptive)
    }

    public var points: [PlannedPoint] { entries.map(\.point) }

    /// How many of the measured repetitions `0..<repetitions` the entry still lacks (with
    /// adaptive repetitions, at most: none once the point is settled).
    public func missingRepetitions(_ entry: Entry) -> Int {
        if let adaptive, adaptive.isSettled(entry.measuredWallNanos) { return 0 }
        return repetitions - entry.measured.lazy.filter { (0..<repetitions).contains($0) }.count
    }

    /// Ordinals of the points that still miss at least one measured repetition.
    public var pendingOrdinals: [Int] {
        entries.indices.filter { missingRepetitions(entries[$0]) > 0 }
    }

    /// Measured samples the plan still needs (warm-ups not counted).
    public var missingSamples: Int {
        entries.reduce(0) { $0 + missingRepetitions($1) }
    }
}
