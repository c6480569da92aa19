/// What one command used, from `wait4` of that child in the helper: wall time, CPU, peak RSS,
/// page faults, context switches, and how it ended.
public struct ProcessUsage: Sendable, Hashable {
    public var wallNanos: Int64
    public var userNanos: Int64
    public var systemNanos: Int64
    public var peakRSSBytes: Int64
    public var minorFaults: Int64
    public var majorFaults: Int64
    public var voluntarySwitches: Int64
    public var involuntarySwitches: Int64
    /// The exit status, or nil when a signal ended the command.
    public var exitCode: Int32?
    /// The signal that ended the command (0: none).
    public var signal: Int32
    /// Whether `timeout_s` passed and the helper killed the process group.
    public var timedOut: Bool
    /// Whether SpeedLab stopped the command (Ctrl-C, SIGTERM, or SpeedLab went away).
    public var stopped: Bool
    /// The last bytes (at most 4 KiB) the command wrote to stderr, when stderr was captured.
    public var standardErrorTail: String = ""

    /// Whether the command exited with status 0 of its own accord.
    public var succeeded: Bool { exitCode == 0 && signal == 0 && !timedOut && !stopped }

    /// Reads the helper's report line (`wall_ns=… exit=0 signal=0 …`).
    init?(report: String) {
        var fields: [String: Int64] = [:]
        for pair in report.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Int64(parts[1]) else { continue }
            fields[String(parts[0])] = value
        }
        guard let wall = fields["wall_ns"], let exit = fields["exit"], let signal = fields["signal"] else { return nil }
        wallNanos = wall
        userNanos = (fields["user_us"] ?? 0) * 1_000
        systemNanos = (fields["system_us"] ?? 0) * 1_000
        peakRSSBytes = (fields["maxrss_kb"] ?? 0) * 1_024
        minorFaults = fields["minflt"] ?? 0
        majorFaults = fields["majflt"] ?? 0
        voluntarySwitches = fields["nvcsw"] ?? 0
        involuntarySwitches = fields["nivcsw"] ?? 0
        exitCode = exit >= 0 ? Int32(exit) : nil
        self.signal = Int32(signal)
        timedOut = fields["timed_out"] == 1
        stopped = fields["stopped"] == 1
    }

    /// How the command ended, in words: `exited with code 3`, `killed by signal 9 (timed out)`.
    public var ending: String {
        var text: String
        if let exitCode {
            text = "exited with code \(exitCode)"
        } else {
            text = "killed by signal \(signal)"
        }
        if timedOut { text += " (timed out)" }
        if stopped { text += " (stopped by speedlab)" }
        return text
    }
}
