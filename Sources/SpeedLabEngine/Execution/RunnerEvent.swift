/// What the runner reports while it works, for a progress display.
public enum RunnerEvent: Sendable {
    case started(jobs: Int)
    case jobFinished(done: Int, total: Int, title: String, isWarmup: Bool, wallNanos: Int64)
    case pointFailed(title: String, message: String)
    case batchStored(samples: Int)
}

/// How a run ended.
public struct RunResult: Sendable {
    public enum Ending: Sendable, Equatable {
        case completed
        case interrupted
        case failed
    }

    public var ending: Ending
    public var samplesStored: Int
    public var failures: [String]
}
