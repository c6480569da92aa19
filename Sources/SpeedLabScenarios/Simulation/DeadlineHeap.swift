/// A binary min-heap of (deadline, slot) entries: the timer queue of ``IOTimerClock``.
///
/// Deadlines are plain nanosecond counts (see ``TimerQueue``), so every comparison and move
/// is a trivial integer operation rather than a call through `ContinuousClock.Instant`'s
/// value witnesses.
struct DeadlineHeap {
    struct Entry {
        var deadline: Int64
        var slot: Int
        var generation: UInt64
    }

    private var entries: [Entry] = []

    init() {
        entries.reserveCapacity(1_024)
    }

    var isEmpty: Bool { entries.isEmpty }
    var first: Entry? { entries.first }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func popFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let top = entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count, entries[right].deadline < entries[smallest].deadline { smallest = right }
            if smallest == parent { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
