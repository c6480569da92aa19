import SpeedLabCore

/// Rounds for `repetitions: auto`: warm-up rounds, then rounds over the points whose median is
/// not yet known to the precision (nor at their maximum or time budget), one repetition each,
/// so the points still measuring stay interleaved. A resumed run continues from the wall
/// times already stored.
struct AdaptiveRounds: RoundSource {
    private let rule: AdaptiveRepetitions
    private let warmup: Int
    private var warmupRoundsLeft: Int
    private var walls: [Int: [Double]]
    private var taken: [Int: Set<Int>]
    private var dropped: Set<Int> = []
    private let ordinals: [Int]
    let jobCount: Int

    init(plan: RunPlan, rule: AdaptiveRepetitions) {
        self.rule = rule
        warmup = plan.warmup
        ordinals = plan.entries.indices.map { $0 }
        walls = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.point.ordinal, $0.measuredWallNanos) })
        taken = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.point.ordinal, $0.measured) })
        let unsettled = plan.pendingOrdinals
        warmupRoundsLeft = unsettled.isEmpty ? 0 : plan.warmup
        jobCount =
            plan.warmup * unsettled.count + unsettled.reduce(0) { $0 + plan.missingRepetitions(plan.entries[$1]) }
    }

    private func isSettled(_ ordinal: Int) -> Bool {
        dropped.contains(ordinal) || rule.isSettled(walls[ordinal] ?? [])
            || (taken[ordinal]?.count ?? 0) >= rule.maximum
    }

    /// The next round depends on this one's samples.
    var decidesRoundsAhead: Bool { false }

    mutating func nextRound() -> [Schedule.Job]? {
        let pending = ordinals.filter { !isSettled($0) }
        guard !pending.isEmpty else { return nil }
        if warmupRoundsLeft > 0 {
            let round = warmup - warmupRoundsLeft
            warmupRoundsLeft -= 1
            return pending.map { Schedule.Job(ordinal: $0, repetition: round, isWarmup: true) }
        }
        return pending.map { ordinal in
            var repetition = 0
            while taken[ordinal, default: []].contains(repetition) { repetition += 1 }
            taken[ordinal, default: []].insert(repetition)
            return Schedule.Job(ordinal: ordinal, repetition: repetition, isWarmup: false)
        }
    }

    mutating func finished(_ job: Schedule.Job, wallNanos: Int64) {
        guard !job.isWarmup else { return }
        walls[job.ordinal, default: []].append(Double(wallNanos))
    }

    mutating func drop(ordinal: Int) {
        dropped.insert(ordinal)
    }
}
