/// The value of a successful `RetryPolicy.run` with how many tries it took.
///
/// Use `retries` to count retries in a scenario's counters and `totalBackoff` to see how much
/// of the latency was spent backing off.
public struct RetryOutcome<Value> {
    /// What the successful attempt returned.
    public var value: Value
    /// Tries made, the successful one included (1 means no retry).
    public var attempts: Int
    /// Time slept between tries.
    public var totalBackoff: Duration

    public init(value: Value, attempts: Int, totalBackoff: Duration) {
        self.value = value
        self.attempts = attempts
        self.totalBackoff = totalBackoff
    }

    /// Tries after the first one.
    public var retries: Int { attempts - 1 }
}

extension RetryOutcome: Sendable where Value: Sendable {}
