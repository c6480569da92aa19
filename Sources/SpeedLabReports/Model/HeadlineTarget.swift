/// One of the targets SpeedLab's scenarios are judged by (from the asyncio lesson they teach), set beside this run.
public struct HeadlineTarget: Sendable, Hashable {
    /// Whether the run met the target.
    public enum Verdict: String, Sendable, Hashable {
        case met
        case missed
        /// Met as far as this machine allows (e.g. a 2-core machine caps CPU speedup at 2×).
        case cappedByMachine = "met within this machine's limit"
        case notMeasured = "not measured"
    }

    public var target: String
    public var goal: String
    public var measured: String
    public var verdict: Verdict
    public var note: String
}
