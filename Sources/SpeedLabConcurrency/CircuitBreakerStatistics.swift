/// Counters kept by a `CircuitBreaker` since it was created.
///
/// Use them to report how often a service's breaker tripped and how many calls it spared;
/// the transition counts let tests check the exact path through the state machine.
public struct CircuitBreakerStatistics: Sendable, Equatable {
    /// Transitions into `open` (from closed or half-open).
    public var opened = 0
    /// Transitions from `open` into `halfOpen` after the cool-down.
    public var halfOpened = 0
    /// Transitions from `halfOpen` back into `closed`.
    public var closed = 0
    /// Calls rejected with `CircuitOpenError` without running.
    public var rejections = 0
    /// Calls that ran and succeeded.
    public var successes = 0
    /// Calls that ran and failed (cancellations are not counted).
    public var failures = 0

    public init() {}
}
