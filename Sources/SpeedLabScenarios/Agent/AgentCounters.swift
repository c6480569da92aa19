import Synchronization

/// The counters of one agent run, shared by its concurrent queries.
public final class AgentCounters: Sendable {
    /// A snapshot of the counters.
    public struct Values: Sendable, Hashable {
        public var queries = 0
        public var calls = 0
        public var attempts = 0
        public var errors = 0
        public var timeouts = 0
        public var retries = 0
        public var breakerRejections = 0
        public var answered = 0
        public var degraded = 0
        public var failed = 0
        public var queryNanos: [Double] = []

        public init() {}

        /// What the seed's schedule says the counters of a run without breaker rejections are.
        public init(expectedFrom plans: [AgentQueryPlan]) {
            for plan in plans {
                queries += 1
                for call in plan.calls.values {
                    calls += 1
                    attempts += call.attempts
                    errors += call.errors
                    timeouts += call.timeouts
                    retries += call.retries
                }
                switch plan.outcome {
                case .answered: answered += 1
                case .degraded: degraded += 1
                case .failed: failed += 1
                }
            }
        }
    }

    private let values = Mutex(Values())

    public init() {}

    public func update(_ change: (inout Values) -> Void) {
        values.withLock { change(&$0) }
    }

    public var snapshot: Values { values.withLock { $0 } }

    /// The counters as sample metrics, with per-query latency percentiles (nearest rank).
    public func metrics() -> [String: Double] {
        let v = snapshot
        var metrics: [String: Double] = [
            "queries": Double(v.queries), "calls": Double(v.calls), "attempts": Double(v.attempts),
            "errors": Double(v.errors), "timeouts": Double(v.timeouts), "retries": Double(v.retries),
            "breaker_rejections": Double(v.breakerRejections), "answered": Double(v.answered),
            "degraded": Double(v.degraded), "failed": Double(v.failed),
        ]
        let sorted = v.queryNanos.sorted()
        if !sorted.isEmpty {
            for (name, p) in [("query_p50_ms", 0.5), ("query_p95_ms", 0.95), ("query_p99_ms", 0.99)] {
                let rank = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
                metrics[name] = sorted[rank] / 1e6
            }
        }
        return metrics
    }
}
