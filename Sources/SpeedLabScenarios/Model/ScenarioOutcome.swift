/// What one execution of a scenario returns: the checksum of its CPU work and its counters.
public struct ScenarioOutcome: Sendable, Hashable {
    /// Order-independent combination of every item's kernel result (see ``Checksum``).
    public var checksum: UInt64
    /// Counters such as `calls`, `retries`, `timeouts`, `degraded`; stored as sample metrics.
    public var counters: [String: Double]

    public init(checksum: UInt64, counters: [String: Double] = [:]) {
        self.checksum = checksum
        self.counters = counters
    }
}
