/// The three states of a `CircuitBreaker`.
///
/// `closed` lets calls through, `open` rejects them fast, `halfOpen` lets one trial call
/// through to decide between the two.
public enum CircuitState: String, Sendable, Equatable, CustomStringConvertible {
    /// Calls go through; consecutive failures are counted.
    case closed
    /// Calls are rejected with `CircuitOpenError` until the cool-down has passed.
    case open
    /// One trial call goes through: success closes the circuit, failure opens it again.
    case halfOpen

    public var description: String {
        switch self {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half-open"
        }
    }
}
