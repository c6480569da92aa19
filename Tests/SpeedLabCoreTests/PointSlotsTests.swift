import SpeedLabCore
import Testing

@Suite struct PointSlotsTests {
    /// Contiguous ids take the array, ids far apart the dictionary: both number the ids in the
    /// order first given and know no other id.
    @Test(arguments: [[PointID]([5, 6, 5, 8, 7]), [5, 6_000_000, 5, 8, -7_000_000_000_000]])
    func slotsFollowFirstAppearanceAndUnknownIdsHaveNone(ids: [PointID]) {
        let slots = PointSlots(ids)
        var distinct: [PointID] = []
        for id in ids where !distinct.contains(id) { distinct.append(id) }
        #expect(slots.ids == distinct)
        #expect(slots.count == distinct.count)
        for (slot, id) in distinct.enumerated() { #expect(slots[id] == slot) }
        for unknown: PointID in [4, 9, 1_000_000, .min, .max] where !ids.contains(unknown) {
            #expect(slots[unknown] == nil)
        }
        let samples = ids.map {
            PointSample(
                pointID: $0,
                sample: Sample(
                    repetition: 0, isWarmup: false, wallNanos: 1, userNanos: 0, systemNanos: 0, voluntarySwitches: 0,
                    involuntarySwitches: 0, peakRSSBytes: 0, checksum: 0, metrics: [:]))
        }
        let fromSamples = samples.withUnsafeBufferPointer { PointSlots(pointsOf: $0) }
        #expect(fromSamples.ids == distinct)
        for id in distinct { #expect(fromSamples[id] == slots[id]) }
    }

    @Test func noIdsGiveNoSlots() {
        let slots = PointSlots([])
        #expect(slots.count == 0)
        #expect(slots[0] == nil)
        #expect(samplesOfNone().count == 0)
    }

    private func samplesOfNone() -> PointSlots {
        [PointSample]().withUnsafeBufferPointer { PointSlots(pointsOf: $0) }
    }
}
