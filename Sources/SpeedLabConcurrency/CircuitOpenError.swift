/// The error a `CircuitBreaker` throws when it rejects a call without running it.
///
/// Treat it like a fast failure of the protected service; `retryAfter` tells how much of the
/// cool-down is left (zero while a half-open trial call is in flight).
public struct CircuitOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The breaker's name, usually the service it protects.
    public let name: String
    /// Cool-down left before the breaker lets a trial call through.
    public let retryAfter: Duration

    public init(name: String, retryAfter: Duration) {
        self.name = name
        self.retryAfter = retryAfter
    }

    public var description: String {
        "circuit '\(name)' is open; retry after \(retryAfter)"
    }
}
