/// Where the runner takes its rounds from: the fixed ``Schedule``, or the adaptive one that
/// decides after every round which points still need repetitions.
protocol RoundSource {
    /// Jobs the source holds, warm-ups included (for adaptive repetitions: at most).
    var jobCount: Int { get }
    /// The next round of jobs, or nil when the run is done.
    mutating func nextRound() -> [Schedule.Job]?
    /// Whether the next round may be taken before this one has finished (it does not depend
    /// on this round's results), so the runner can start its first job early.
    var decidesRoundsAhead: Bool { get }
    /// A job finished with this wall time.
    mutating func finished(_ job: Schedule.Job, wallNanos: Int64)
    /// The point failed: it gets no more jobs.
    mutating func drop(ordinal: Int)
}

/// The fixed schedule as a round source: every round was decided up front.
struct FixedRounds: RoundSource {
    private var iterator: Schedule.Iterator
    let jobCount: Int

    init(_ schedule: Schedule) {
        iterator = schedule.makeIterator()
        jobCount = schedule.jobCount
    }

    mutating func nextRound() -> [Schedule.Job]? { iterator.next() }
    var decidesRoundsAhead: Bool { true }
    mutating func finished(_ job: Schedule.Job, wallNanos: Int64) {}
    mutating func drop(ordinal: Int) {}
}
