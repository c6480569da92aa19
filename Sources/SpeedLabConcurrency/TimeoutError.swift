/// The error `withTimeout` throws when an operation outlives its time limit.
///
/// Catch it to count or degrade timed-out calls; it carries the limit that was exceeded.
/// Cancellation from outside is never reported as a timeout.
public struct TimeoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The time limit that the operation exceeded.
    public let duration: Duration

    public init(duration: Duration) {
        self.duration = duration
    }

    public var description: String {
        "operation timed out after \(duration)"
    }
}
