import SpeedLabCore

/// What a run reports while it works, for a progress display.
public enum RunEvent: Sendable {
    /// The run is open in the recorder: new, or taken up again with samples missing.
    case opened(run: RunID, resumed: Bool, missingSamples: Int)
    /// Something the person running it should know (a debug build, say).
    case warning(String)
    /// The services of a run with `transport: http` points answer at `url`; `started` when
    /// the run started them itself. `roundTripNanos` is the measured floor of one request.
    case servicesReady(url: String, started: Bool, roundTripNanos: Double)
    case started(jobs: Int)
    case jobFinished(done: Int, total: Int, title: String, isWarmup: Bool, wallNanos: Int64)
    case pointFailed(title: String, message: String)
    case batchStored(samples: Int)
    /// Measuring is done; `points` points now get their traced repetition.
    case tracing(points: Int)
}

/// How the runner's pass over a plan ended.
public struct RunResult: Sendable {
    public enum Ending: Sendable, Equatable {
        case completed
        case interrupted
        case failed
    }

    public var ending: Ending
    /// Samples stored, warm-ups included.
    public var samplesStored: Int
    /// Measured (not warm-up) samples stored.
    public var measuredSamplesStored: Int
    public var failures: [String]
}
