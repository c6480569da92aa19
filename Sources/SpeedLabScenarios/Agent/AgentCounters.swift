import SpeedLabConcurrency
import SpeedLabCore

/// The counters of one agent run, shared by its concurrent queries.
public typealias AgentCounters = LockedValue<AgentCounts>

/// What an agent run counts: queries, calls, attempts, failures and how queries ended.
public struct AgentCounts: Sendable, Hashable {
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
    /// Calls that ended otherwise than the seed's schedule says, after an attempt went off it
    /// (breaker rejections alone never count).
    public var unplanned = 0
    public var queryNanos: [Double] = []
    /// Each answered query's time from its start to the first token of its final answer.
    public var answerTTFTNanos: [Double] = []

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

    /// Unplanned calls a point may meet and still count: one in fifty (at least one), for a
    /// call that a loaded machine answered after its timeout on every attempt. Past that the
    /// services did not answer as the seed says, and the point is not a measurement of the agent.
    public var unplannedAllowance: Int { max(1, calls / 50) }

    /// Throws when more calls went off the seed's schedule than ``unplannedAllowance``.
    public func checkOnSchedule(scenario: String) throws(ScenarioError) {
        guard unplanned > unplannedAllowance else { return }
        throw .servicesOffSchedule(
            scenario: scenario, unplanned: unplanned, calls: calls, failedQueries: failed, queries: queries)
    }

    /// The counters as sample metrics, with per-query latency percentiles (nearest rank).
    public var metrics: [String: Double] {
        var metrics: [String: Double] = [
            Metric.queries.name: Double(queries), Metric.calls.name: Double(calls),
            Metric.attempts.name: Double(attempts), Metric.errors.name: Double(errors),
            Metric.timeouts.name: Double(timeouts), Metric.retries.name: Double(retries),
            Metric.breakerRejections.name: Double(breakerRejections), Metric.answered.name: Double(answered),
            Metric.degraded.name: Double(degraded), Metric.failed.name: Double(failed),
        ]
        if unplanned > 0 { metrics[Metric.unplannedCalls.name] = Double(unplanned) }
        metrics.merge(Metric.query.percentiles(of: queryNanos, scale: 1e-6)) { own, _ in own }
        metrics.merge(Metric.answerTTFT.percentiles(of: answerTTFTNanos, scale: 1e-6)) { own, _ in own }
        return metrics
    }
}
