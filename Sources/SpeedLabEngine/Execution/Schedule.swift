/// The order samples are taken in: warm-ups first, then rounds that visit every point once
/// (round robin, as asv does), so drift of the machine hits all points alike.
///
/// Only what is missing is scheduled: a resumed run repeats its warm-ups, then measures the
/// repetitions that no stored sample has.
public struct Schedule: Sendable, Equatable {
    /// One repetition of one point.
    public struct Job: Sendable, Equatable {
        public var ordinal: Int
        public var repetition: Int
        public var isWarmup: Bool
    }

    /// Batches of jobs; each batch is stored in one transaction when it ends.
    public let batches: [[Job]]

    public init(plan: RunPlan) {
        let pending = plan.pendingOrdinals
        var batches: [[Job]] = []
        if plan.warmup > 0, !pending.isEmpty {
            batches.append(
                (0..<plan.warmup).flatMap { round in
                    pending.map { Job(ordinal: $0, repetition: round, isWarmup: true) }
                })
        }
        for round in 0..<plan.repetitions {
            let jobs = pending.filter { !(plan.done[$0]?.contains(round) ?? false) }
                .map { Job(ordinal: $0, repetition: round, isWarmup: false) }
            if !jobs.isEmpty { batches.append(jobs) }
        }
        self.batches = batches
    }

    public var jobCount: Int { batches.reduce(0) { $0 + $1.count } }
}
