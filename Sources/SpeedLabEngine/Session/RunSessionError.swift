import SpeedLabCore

/// Why a run session refused to measure; nothing was written when it throws one of these.
public enum RunSessionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--resume` of a run whose process is still alive (or cannot be judged: another host).
    case stillRunning(run: RunID, processID: Int32, host: String)
    /// Another process resumed the run between reading it and claiming it.
    case takenByAnotherProcess(run: RunID)
    /// The stored sweep no longer expands to points the run holds (the scenarios changed).
    case pointsOutsideSweep(run: RunID, points: [PointKey])

    public var description: String {
        switch self {
        case .stillRunning(let run, let processID, let host):
            return "run \(run) is still running (process \(processID) on \(host)); resume it once it has stopped. "
                + "If that process is gone (another host, a reused process id), take the run over with --force."
        case .takenByAnotherProcess(let run):
            return "run \(run) was just resumed by another process; nothing was measured here."
        case .pointsOutsideSweep(let run, let points):
            let shown = points.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
            let more = points.count > 3 ? " and \(points.count - 3) more" : ""
            return "run \(run) holds points its stored sweep no longer expands to (\(shown)\(more)), so it cannot be "
                + "resumed exactly. Measure the sweep again as a new run."
        }
    }
}
