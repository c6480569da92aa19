/// Where the engine keeps a run: the SQLite store is one, a test keeps it in memory.
///
/// The engine never knows how runs are kept. It opens a run, registers its points, records
/// samples a batch at a time, marks points and the run as they end, and asks what a run
/// already holds when it resumes one. Each call is one write transaction, so a batch (a round
/// of the interleaved schedule) is either kept whole or not at all.
public protocol RunRecorder: Sendable {
    /// Opens a new run in state `running` and returns its id.
    func createRun(_ run: NewRun) throws -> RunID

    /// Registers points of a run (baselines linked by ordinal among `points`) and returns the
    /// id of every one of them. A point the run already holds keeps its id and its samples.
    func registerPoints(_ points: [NewPoint], run: RunID) throws -> [PointKey: PointID]

    /// Keeps a batch of samples, with their metrics, in one transaction, and marks the run alive
    /// (its heartbeat). A repetition that is already stored is kept as it was.
    func record(_ batch: [PointSample]) throws

    /// Keeps the traced repetition of a point (its spans), replacing any it had.
    func recordTrace(_ trace: PointTrace, of point: PointID) throws

    /// Records that a point finished measuring, or failed (with the reason).
    func setStatus(_ status: PointStatus, error: String?, of point: PointID) throws

    /// What a run already holds: its sweep and schedule, and per point its id, finished
    /// repetitions and checksum (what `--resume` continues from).
    func recordedRun(_ run: RunID) throws -> RecordedRun

    /// Marks a run as taken up again by this process, in state `running`, only if it is still
    /// as `run` describes it (stored status, process and host): returns false, changing
    /// nothing, when another process took it up first.
    func reopenRun(_ run: RecordedRun, processID: Int32, host: String) throws -> Bool

    /// Records that the process measuring `run` is alive (at least every 30 s while it measures).
    func heartbeat(_ run: RunID) throws

    /// Ends a run with a final status (`completed`, `interrupted` or `failed`).
    func finishRun(_ run: RunID, status: RunStatus) throws
}
