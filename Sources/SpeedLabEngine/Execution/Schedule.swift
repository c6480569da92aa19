/// The order samples are taken in: warm-up rounds first, then rounds that visit every point
/// once (round robin, as asv does), so drift of the machine hits all points alike.
///
/// Only what is missing is scheduled: a resumed run repeats its warm-ups, then measures the
/// repetitions that no stored sample has. Rounds are made one at a time as they are iterated,
/// so a plan of a million repetitions holds one round of jobs, not a million.
public struct Schedule: Sendable, Sequence {
    /// One repetition of one point.
    public struct Job: Sendable, Equatable {
        public var ordinal: Int
        public var repetition: Int
        public var isWarmup: Bool
    }

    private let pending: [Int]
    private let measured: [Int: Set<Int>]
    private let repetitions: Int
    private let warmup: Int
    /// Every job the schedule holds, warm-ups included, counted without making them.
    public let jobCount: Int

    public init(plan: RunPlan) {
        pending = plan.pendingOrdinals
        measured = Dictionary(
            uniqueKeysWithValues: pending.compactMap { ordinal in
                let done = plan.entries[ordinal].measured
                return done.isEmpty ? nil : (ordinal, done)
            })
        repetitions = plan.repetitions
        warmup = pending.isEmpty ? 0 : plan.warmup
        let measuredJobs = pending.reduce(0) { $0 + plan.missingRepetitions(plan.entries[$1]) }
        jobCount = warmup * pending.count + measuredJobs
    }

    public func makeIterator() -> Iterator {
        Iterator(schedule: self)
    }

    /// Yields one batch per round: each warm-up round, then each measured round that still
    /// misses a repetition. Each batch is stored in one transaction when it ends.
    public struct Iterator: IteratorProtocol {
        private let schedule: Schedule
        private var round = 0

        init(schedule: Schedule) {
            self.schedule = schedule
        }

        public mutating func next() -> [Job]? {
            while round < schedule.warmup + schedule.repetitions {
                defer { round += 1 }
                if round < schedule.warmup {
                    return schedule.pending.map { Job(ordinal: $0, repetition: round, isWarmup: true) }
                }
                let repetition = round - schedule.warmup
                let jobs = schedule.pending.compactMap { ordinal -> Job? in
                    schedule.measured[ordinal]?.contains(repetition) == true
                        ? nil : Job(ordinal: ordinal, repetition: repetition, isWarmup: false)
                }
                if !jobs.isEmpty { return jobs }
            }
            return nil
        }
    }
}
