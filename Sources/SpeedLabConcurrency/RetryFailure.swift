/// The error `RetryPolicy.run` throws when it gives up, with the attempts it made.
///
/// Inspect `lastError` for the underlying failure and `attempts`/`retries` to count retries
/// of calls that failed in the end; `reason` tells running out of attempts from an error that
/// was not worth retrying.
public struct RetryFailure: Error, CustomStringConvertible {
    /// Why the retry loop stopped.
    public enum Reason: Sendable, Equatable {
        /// Every allowed attempt failed.
        case exhausted
        /// The last error failed `RetryPolicy.isRetryable`.
        case notRetryable
    }

    /// Tries made, the last failed one included.
    public let attempts: Int
    /// The error of the last attempt.
    public let lastError: any Error
    /// Why the loop stopped.
    public let reason: Reason
    /// Time slept between tries.
    public let totalBackoff: Duration

    public init(attempts: Int, lastError: any Error, reason: Reason, totalBackoff: Duration) {
        self.attempts = attempts
        self.lastError = lastError
        self.reason = reason
        self.totalBackoff = totalBackoff
    }

    /// Tries after the first one.
    public var retries: Int { attempts - 1 }

    public var description: String {
        switch reason {
        case .exhausted:
            "gave up after \(attempts) attempts: \(lastError)"
        case .notRetryable:
            "attempt \(attempts) failed with an error that is not retried: \(lastError)"
        }
    }
}
