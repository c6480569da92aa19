/// A lookup from a run's point ids to small slot numbers (0, 1, 2, …) for loops that visit every
/// sample of a run: a run registers its points together, so their ids are nearly contiguous and
/// an array indexed by `id - lowest` answers without hashing. Ids spread too thinly for such an
/// array are looked up in a dictionary instead; the answers are the same.
public struct PointSlots: Sendable {
    /// Slot of `lowest + offset`, or -1 when that id has none (empty when `sparse` is used).
    @usableFromInline var dense: [Int] = []
    @usableFromInline var lowest: PointID = 0
    @usableFromInline var sparse: [PointID: Int] = [:]
    /// The ids, by slot.
    public private(set) var ids: [PointID] = []
    /// How many slots there are.
    public var count: Int { ids.count }

    /// Slots for `ids`, numbered in the order given (a repeated id keeps its first slot).
    public init(_ ids: [PointID]) {
        self.init(lowest: ids.min(), highest: ids.max(), count: ids.count)
        for id in ids { add(id) }
    }

    /// Slots for the points of `samples`, numbered in order of first appearance.
    public init(pointsOf samples: UnsafeBufferPointer<PointSample>) {
        var lowest = PointID.max
        var highest = PointID.min
        for index in samples.indices {
            lowest = min(lowest, samples[index].pointID)
            highest = max(highest, samples[index].pointID)
        }
        self.init(lowest: samples.isEmpty ? nil : lowest, highest: highest, count: samples.count)
        for index in samples.indices { add(samples[index].pointID) }
    }

    private init(lowest: PointID?, highest: PointID?, count: Int) {
        guard let lowest, let highest else { return }
        self.lowest = lowest
        let span = highest.subtractingReportingOverflow(lowest)
        if !span.overflow, span.partialValue < Int64(4 * count + 64) {
            dense = Array(repeating: -1, count: Int(span.partialValue) + 1)
        }
    }

    private mutating func add(_ id: PointID) {
        guard self[id] == nil else { return }
        if dense.isEmpty { sparse[id] = ids.count } else { dense[Int(id - lowest)] = ids.count }
        ids.append(id)
    }

    /// The slot of `id`, or nil when it has none.
    @inlinable
    public subscript(id: PointID) -> Int? {
        guard !dense.isEmpty else { return sparse[id] }
        let offset = id &- lowest
        guard offset >= 0, offset < Int64(dense.count) else { return nil }
        let slot = dense[Int(offset)]
        return slot < 0 ? nil : slot
    }
}
