import Synchronization

/// Which ranks of each sorted sample make the medians of every round of a seeded bootstrap.
///
/// A round draws ranks, not values: with the same sample sizes, rounds and seed, the drawn
/// ranks, and so each round's median ranks, are the same whatever the values are. A plan holds
/// them once, as the distinct pairs of median ranks with how many rounds drew each pair, and
/// serves every interval of those sizes: an interval then costs a division per distinct pair
/// (at most 25 for two samples of 5) instead of drawing every value of every round again.
/// Plans are kept per process (``plan(numeratorCount:denominatorCount:resamples:seed:)``).
struct BootstrapPlan: Sendable {
    /// The median of a resample, as ranks of the sorted sample: the value at `upper` when
    /// `lower == upper`, else the mean of the values at `lower` and `upper`.
    struct MedianRanks: Hashable, Sendable {
        var lower: Int32
        var upper: Int32

        /// The median these ranks give in `sorted`.
        @inline(__always)
        func value(in sorted: UnsafeBufferPointer<Double>) -> Double {
            lower == upper ? sorted[Int(upper)] : (sorted[Int(lower)] + sorted[Int(upper)]) / 2
        }
    }

    /// A pair of median ranks that `rounds` rounds drew.
    struct Cell: Sendable {
        var numerator: MedianRanks
        var denominator: MedianRanks
        var rounds: Int
    }

    /// Every distinct pair drawn, in the order first drawn.
    let cells: [Cell]

    private struct Key: Hashable {
        var numeratorCount: Int
        var denominatorCount: Int
        var resamples: Int
        var seed: UInt64
    }

    /// Plans made so far in this process; emptied when it holds many (sweeps of `auto`
    /// repetitions give many sample sizes), so it stays small.
    private static let made = Mutex<[Key: BootstrapPlan]>([:])
    private static let keptPlans = 512

    /// The plan for these sizes, rounds and seed: made on first use (one full bootstrap's
    /// draws), then reused.
    static func plan(numeratorCount: Int, denominatorCount: Int, resamples: Int, seed: UInt64) -> BootstrapPlan {
        let key = Key(
            numeratorCount: numeratorCount, denominatorCount: denominatorCount, resamples: resamples, seed: seed)
        if let plan = made.withLock({ $0[key] }) { return plan }
        let plan = BootstrapPlan(key)
        made.withLock { plans in
            if plans.count >= keptPlans { plans.removeAll(keepingCapacity: true) }
            plans[key] = plan
        }
        return plan
    }

    /// Draws every round: the numerator's ranks, then the denominator's, from one generator.
    private init(_ key: Key) {
        var generator = SeededGenerator(seed: key.seed)
        var index: [Cell.Pair: Int] = [:]
        var cells: [Cell] = []
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(key.numeratorCount, key.denominatorCount)) {
            counts in
            for _ in 0..<key.resamples {
                let pair = Cell.Pair(
                    numerator: Self.resampledMedian(count: key.numeratorCount, counts: counts, using: &generator),
                    denominator: Self.resampledMedian(count: key.denominatorCount, counts: counts, using: &generator))
                if let at = index[pair] {
                    cells[at].rounds += 1
                } else {
                    index[pair] = cells.count
                    cells.append(Cell(numerator: pair.numerator, denominator: pair.denominator, rounds: 1))
                }
            }
        }
        self.cells = cells
    }

    /// The median ranks of one resample of a sorted sample of `count` values (drawn with
    /// replacement, same size), found by counting how often each rank is drawn: because the
    /// sample is sorted, the resample's median is at the median of the drawn ranks. Samples of
    /// up to 8 count in the bytes of one register, larger ones in `counts`.
    private static func resampledMedian(
        count: Int, counts: UnsafeMutableBufferPointer<Int>, using generator: inout SeededGenerator
    ) -> MedianRanks {
        if count <= 8 { return packedResampledMedian(count: count, using: &generator) }
        // `counts` is at least as long as the sample, and every index below is a drawn rank
        // (< count) or stays within the drawn ranks, so the buffer is used without bounds checks.
        let slots = counts.baseAddress!
        slots.update(repeating: 0, count: count)
        // A count never exceeds `count`, so it cannot overflow.
        for _ in 0..<count { slots[generator.nextIndex(below: count)] &+= 1 }
        let upper = count / 2  // 0-based rank of the upper middle
        var seen = 0
        var rank = 0
        while seen + slots[rank] <= upper {
            seen += slots[rank]
            rank += 1
        }
        let single = MedianRanks(lower: Int32(rank), upper: Int32(rank))
        // For an even count the lower middle (rank upper − 1) is the same value unless it falls
        // before `rank`; then it is the greatest drawn rank below.
        if count % 2 == 1 || seen <= upper - 1 { return single }
        var lower = rank - 1
        while slots[lower] == 0 { lower -= 1 }
        return MedianRanks(lower: Int32(lower), upper: Int32(rank))
    }

    /// `resampledMedian` for at most 8 values, each rank's count in a byte of one integer (a
    /// count is at most 8), so that the draws add in a register rather than in memory, and the
    /// median's rank comes from the bytes' running sums without a data-dependent branch.
    @inline(__always)
    private static func packedResampledMedian(count: Int, using generator: inout SeededGenerator) -> MedianRanks {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var lanes: UInt64 = 0
        for _ in 0..<count { lanes &+= 1 &<< (UInt64(generator.nextIndex(below: count)) &* 8) }
        // Byte i of `running` is how many draws fell at ranks 0...i (at most 8: no carries).
        let running = lanes &* ones
        let upper = count / 2  // 0-based rank of the upper middle
        // The median's rank is the number of ranks whose running count is ≤ upper; a byte
        // plus 127 − upper has its high bit set exactly when the byte exceeds upper.
        let beyond = (running &+ UInt64(0x7F - upper) &* ones) & highBits
        let rank = 8 - beyond.nonzeroBitCount
        let single = MedianRanks(lower: Int32(rank), upper: Int32(rank))
        if count % 2 == 1 { return single }
        // The lower middle (rank upper − 1) is the same value unless every draw before `rank`
        // is below it; then it is the greatest drawn rank below `rank`.
        let seen = Int(truncatingIfNeeded: ((running &<< 8) &>> UInt64(8 &* rank)) & 0xFF)
        if seen <= upper - 1 { return single }
        let drawnBelow = (lanes &+ 0x7F7F_7F7F_7F7F_7F7F) & highBits & ((1 &<< UInt64(8 &* rank)) &- 1)
        let lower = drawnBelow == 0 ? rank : (63 - drawnBelow.leadingZeroBitCount) / 8
        return MedianRanks(lower: Int32(lower), upper: Int32(rank))
    }
}

extension BootstrapPlan.Cell {
    /// A cell's identity while a plan is drawn.
    fileprivate struct Pair: Hashable {
        var numerator: BootstrapPlan.MedianRanks
        var denominator: BootstrapPlan.MedianRanks
    }
}
