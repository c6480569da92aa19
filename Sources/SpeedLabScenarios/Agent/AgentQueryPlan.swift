/// The seed's schedule for one query: its four calls, and what the query ends as.
public struct AgentQueryPlan: Sendable, Hashable {
    /// How a query ends.
    public enum Outcome: String, Sendable, Hashable {
        /// Every call succeeded.
        case answered
        /// `llm` and `final` succeeded, `vector` or `db` failed.
        case degraded
        /// `llm` or `final` failed.
        case failed
    }

    public let calls: [AgentService: AgentCallPlan]
    public let outcome: Outcome
    /// Whether the query reranks (its first llm call succeeded).
    public let reranks: Bool

    public init(settings: AgentSettings, query: Int, roundTripNanos: Double = 0) {
        var calls: [AgentService: AgentCallPlan] = [:]
        for service in [AgentService.llm, .vector, .db] {
            calls[service] = AgentCallPlan(
                settings: settings, query: query, service: service, roundTripNanos: roundTripNanos)
        }
        reranks = calls[.llm]?.succeeds ?? false
        if reranks {
            calls[.final] = AgentCallPlan(
                settings: settings, query: query, service: .final, roundTripNanos: roundTripNanos)
        }
        self.calls = calls
        outcome = AgentQueryPlan.outcome(
            llm: reranks, vector: calls[.vector]?.succeeds ?? false, db: calls[.db]?.succeeds ?? false,
            final: calls[.final]?.succeeds ?? false)
    }

    static func outcome(llm: Bool, vector: Bool, db: Bool, final: Bool) -> Outcome {
        guard llm, final else { return .failed }
        return vector && db ? .answered : .degraded
    }

    /// The query's critical path when its first three calls run concurrently.
    public func concurrentNanos(cpuNanos: Double) -> Double {
        let fanOut = [AgentService.llm, .vector, .db].map { calls[$0]?.durationNanos ?? 0 }.max() ?? 0
        return fanOut + (reranks ? cpuNanos + (calls[.final]?.durationNanos ?? 0) : 0)
    }

    /// The query's time when every step runs one after another.
    public func sequentialNanos(cpuNanos: Double) -> Double {
        calls.values.reduce(0) { $0 + $1.durationNanos } + (reranks ? cpuNanos : 0)
    }
}
