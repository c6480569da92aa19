/// How many times to try an operation and how long to back off between tries.
///
/// Use it around calls that fail transiently (a flaky service, a timeout). The backoff after
/// attempt `a` is `baseBackoff · 2^(a−1) · (1 + jitterFraction · u)`, where `u ∈ [0, 1)` comes
/// from `jitterDraw(a)`; inject a seeded draw to make runs reproducible. Backoff sleeps happen
/// on the clock passed to `run(clock:operation:)`, so tests can use a virtual clock.
public struct RetryPolicy: Sendable {
    /// Total tries, the first one included (at least 1).
    public var attempts: Int
    /// The backoff after the first failed attempt, before jitter.
    public var baseBackoff: Duration
    /// How much of the backoff the jitter may add: 0.5 adds up to 50 %.
    public var jitterFraction: Double
    /// Draws `u ∈ [0, 1)` for the backoff after `attempt` (numbered from 1).
    public var jitterDraw: @Sendable (_ attempt: Int) -> Double
    /// Whether an error is worth another try; by default every error but `CancellationError`.
    public var isRetryable: @Sendable (any Error) -> Bool

    public init(
        attempts: Int = 3,
        baseBackoff: Duration = .milliseconds(10),
        jitterFraction: Double = 0.5,
        jitterDraw: @escaping @Sendable (_ attempt: Int) -> Double = { _ in Double.random(in: 0..<1) },
        isRetryable: @escaping @Sendable (any Error) -> Bool = { !($0 is CancellationError) }
    ) {
        precondition(attempts >= 1, "RetryPolicy needs at least 1 attempt, got \(attempts)")
        precondition(jitterFraction >= 0, "RetryPolicy needs a non-negative jitter fraction")
        self.attempts = attempts
        self.baseBackoff = baseBackoff
        self.jitterFraction = jitterFraction
        self.jitterDraw = jitterDraw
        self.isRetryable = isRetryable
    }

    /// The sleep after failed attempt `attempt` (numbered from 1), jitter included.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let draw = min(max(jitterDraw(attempt), 0), 1)
        let exponent = max(attempt - 1, 0)
        let growth = Double(sign: .plus, exponent: exponent, significand: 1)
        return baseBackoff * (growth * (1 + jitterFraction * draw))
    }

    /// Calls `operation(attempt)` until it succeeds, an error is not retryable, or the
    /// attempts run out, sleeping `backoff(afterAttempt:)` on `clock` between tries.
    ///
    /// Returns the value with the attempt count. Throws `RetryFailure` (attempts, last error)
    /// when it gives up, and `CancellationError` unwrapped when the task is cancelled while
    /// backing off or the operation reports cancellation.
    nonisolated(nonsending) public func run<T>(
        clock: some Clock<Duration>,
        operation: nonisolated(nonsending) (_ attempt: Int) async throws -> T
    ) async throws -> RetryOutcome<T> {
        var totalBackoff = Duration.zero
        var attempt = 1
        while true {
            do {
                let value = try await operation(attempt)
                return RetryOutcome(value: value, attempts: attempt, totalBackoff: totalBackoff)
            } catch let error as CancellationError {
                throw error
            } catch {
                guard isRetryable(error) else {
                    throw RetryFailure(
                        attempts: attempt, lastError: error, reason: .notRetryable,
                        totalBackoff: totalBackoff)
                }
                guard attempt < attempts else {
                    throw RetryFailure(
                        attempts: attempt, lastError: error, reason: .exhausted,
                        totalBackoff: totalBackoff)
                }
                let pause = backoff(afterAttempt: attempt)
                try await clock.sleep(for: pause)
                totalBackoff += pause
                attempt += 1
            }
        }
    }
}
