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
