import SpeedLabCore

/// How a run session ended, for the caller to print and turn into an exit code.
public struct RunOutcome: Sendable {
    public enum Ending: Sendable, Equatable {
        /// Every point measured; the run is `completed`.
        case completed
        /// Cancelled (SIGINT, SIGTERM); finished samples are kept and the run is `interrupted`.
        case interrupted
        /// At least one point failed (its checksum, its scenario); the others are kept.
        case failed
        /// `--resume` of a run that was already complete: nothing was measured.
        case alreadyCompleted
    }

    public var run: RunID
    public var ending: Ending
    /// Points the run holds.
    public var points: Int
    /// Samples (warm-ups included) this session stored.
    public var samplesStored: Int
    /// Measured (not warm-up) samples this session stored: what the statistics use.
    public var measuredSamplesStored: Int
    /// One line per failed point.
    public var failures: [String]
    /// Wall time of the session, from opening the run to its final status.
    public var elapsed: Duration
}
