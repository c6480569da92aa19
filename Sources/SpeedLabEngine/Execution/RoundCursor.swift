/// A ``RoundSource`` read round by round that can hand out the first job of the next round
/// before the current one has ended (when the source decides rounds ahead), so a
/// self-measuring point's next repetition can be queued behind its current one across the
/// seam between two rounds.
struct RoundCursor<Source: RoundSource> {
    /// Whether the next round was taken early, and what it was.
    private enum Lookahead {
        case none
        case taken([Schedule.Job]?)
    }

    private var source: Source
    private var lookahead = Lookahead.none

    init(_ source: Source) {
        self.source = source
    }

    /// Jobs the source holds, warm-ups included (for adaptive repetitions: at most).
    var jobCount: Int { source.jobCount }

    /// The next round of jobs (the one taken early, if it was), or nil when the run is done.
    mutating func nextRound() -> [Schedule.Job]? {
        guard case .taken(let round) = lookahead else { return source.nextRound() }
        lookahead = .none
        return round
    }

    /// The job that follows `round[index]`: the next one of the round, else the first of the
    /// next round when the source can tell it already (the round is then taken early, and
    /// ``nextRound()`` returns it); nil when no job is known to follow.
    mutating func job(after index: Int, in round: [Schedule.Job]) -> Schedule.Job? {
        if index + 1 < round.count { return round[index + 1] }
        guard source.decidesRoundsAhead else { return nil }
        if case .none = lookahead { lookahead = .taken(source.nextRound()) }
        guard case .taken(let next) = lookahead else { return nil }
        return next?.first
    }

    /// A job finished with this wall time.
    mutating func finished(_ job: Schedule.Job, wallNanos: Int64) {
        source.finished(job, wallNanos: wallNanos)
    }

    /// The point failed: it gets no more jobs.
    mutating func drop(ordinal: Int) {
        source.drop(ordinal: ordinal)
    }
}
