/// One interval of a traced repetition: a fetch, a wait for a permit, a backoff, a breaker
/// rejection or a computation, with its times on the monotonic clock relative to the
/// repetition's start and the thread it ran on (for a fetch: where its task resumed).
public struct Span: Sendable, Hashable {
    /// What the interval was.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One attempt of a call to a service (or of the workload's fetch).
        case fetch
        /// Waiting for a permit of a semaphore (at most C in flight).
        case permit
        /// The pause between a failed attempt and the next.
        case backoff
        /// A call an open circuit breaker refused at once.
        case rejection
        /// The CPU kernel of one item.
        case compute

        /// Whether it is waiting on I/O (drawn in the call lanes) rather than CPU work.
        public var isIO: Bool { self != .compute }
    }

    public var kind: Kind
    /// The item (query) it belongs to.
    public var item: Int
    /// The service called (0 for the workload's fetch), for fetches, backoffs and rejections.
    public var service: Int?
    /// The attempt (from 1), for fetches and backoffs.
    public var attempt: Int?
    /// How a fetch ended: `ok`, `error`, `timeout`, `cancelled`, `rejected`, `transport`.
    public var outcome: String?
    public var startNanos: Int64
    public var endNanos: Int64
    /// The name of the thread it ran on, or its task resumed on.
    public var thread: String
    /// When a streamed answer's first token arrived (a fetch of a stream), else nil.
    public var firstTokenNanos: Int64?

    public init(
        kind: Kind, item: Int, service: Int? = nil, attempt: Int? = nil, outcome: String? = nil, startNanos: Int64,
        endNanos: Int64, thread: String, firstTokenNanos: Int64? = nil
    ) {
        self.firstTokenNanos = firstTokenNanos
        self.kind = kind
        self.item = item
        self.service = service
        self.attempt = attempt
        self.outcome = outcome
        self.startNanos = startNanos
        self.endNanos = endNanos
        self.thread = thread
    }

    public var durationNanos: Int64 { endNanos - startNanos }
}

/// The traced repetition of a point: run once after its measured repetitions, never counted
/// in its statistics, with every span it recorded.
public struct PointTrace: Sendable, Hashable {
    public var wallNanos: Int64
    public var spans: [Span]

    public init(wallNanos: Int64, spans: [Span]) {
        self.wallNanos = wallNanos
        self.spans = spans
    }
}
