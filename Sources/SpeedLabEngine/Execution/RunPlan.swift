import SpeedLabCore

/// Everything the runner needs: the points with their store ids, how many repetitions and
/// warm-ups, and (when resuming) what is already measured.
public struct RunPlan: Sendable {
    public var points: [PlannedPoint]
    /// Store id of each point, by ordinal.
    public var pointIDs: [Int: PointID]
    public var repetitions: Int
    public var warmup: Int
    /// Measured repetitions already stored, by ordinal (empty for a new run).
    public var done: [Int: Set<Int>]
    /// Checksums already stored, by ordinal, so a resumed run still checks against baselines.
    public var knownChecksums: [Int: UInt64]

    public init(
        points: [PlannedPoint], pointIDs: [Int: PointID], repetitions: Int, warmup: Int,
        done: [Int: Set<Int>] = [:], knownChecksums: [Int: UInt64] = [:]
    ) {
        self.points = points
        self.pointIDs = pointIDs
        self.repetitions = repetitions
        self.warmup = warmup
        self.done = done
        self.knownChecksums = knownChecksums
    }

    /// Points that still miss at least one measured repetition.
    public var pendingOrdinals: [Int] {
        points.map(\.ordinal).filter { (done[$0]?.count ?? 0) < repetitions }
    }
}
