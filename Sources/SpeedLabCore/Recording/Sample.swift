/// One measured repetition of one point: the figures the engine takes around a scenario run.
///
/// Times come from a monotonic clock (wall) and `getrusage` (CPU, context switches, peak RSS).
public struct Sample: Sendable, Hashable {
    public var repetition: Int
    public var isWarmup: Bool
    public var wallNanos: Int64
    public var userNanos: Int64
    public var systemNanos: Int64
    public var voluntarySwitches: Int64
    public var involuntarySwitches: Int64
    public var peakRSSBytes: Int64
    public var checksum: UInt64
    /// Scenario counters and derived figures (`calls`, `retries`, `wake_late_p99_ms`, …).
    public var metrics: [String: Double]
    /// Every request of an llm repetition (the store's `request` table); empty otherwise.
    public var requests: [RequestRecord] = []

    public init(
        repetition: Int, isWarmup: Bool, wallNanos: Int64, userNanos: Int64, systemNanos: Int64,
        voluntarySwitches: Int64, involuntarySwitches: Int64, peakRSSBytes: Int64,
        checksum: UInt64, metrics: [String: Double]
    ) {
        self.repetition = repetition
        self.isWarmup = isWarmup
        self.wallNanos = wallNanos
        self.userNanos = userNanos
        self.systemNanos = systemNanos
        self.voluntarySwitches = voluntarySwitches
        self.involuntarySwitches = involuntarySwitches
        self.peakRSSBytes = peakRSSBytes
        self.checksum = checksum
        self.metrics = metrics
    }

    /// User plus system CPU time.
    public var cpuNanos: Int64 { userNanos + systemNanos }
}
