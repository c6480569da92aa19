/// A measured sample of one point, ready to be stored.
public struct PointSample: Sendable, Hashable {
    public var pointID: PointID
    public var sample: Sample

    public init(pointID: PointID, sample: Sample) {
        self.pointID = pointID
        self.sample = sample
    }
}

/// Where a point stands in its run.
public enum PointStatus: String, Sendable, CaseIterable {
    case pending
    case measured
    case failed
}

/// Where the engine sends what it measures; the store is one, a test may keep them in memory.
///
/// The engine never knows how samples are kept. Each call is one write transaction, so
/// a batch (a round of the interleaved schedule) is either kept whole or not at all.
public protocol SampleSink: Sendable {
    /// Keeps a batch of samples, with their metrics, in one transaction.
    func record(_ batch: [PointSample]) throws
    /// Records that a point finished measuring, or failed (with the reason).
    func setStatus(_ status: PointStatus, error: String?, of point: PointID) throws
}
