import SpeedLabConcurrency
import SpeedLabCore

/// A production-style agent: Q queries, at most C in flight; each calls `llm` (3·L),
/// `vector` (1·L) and `db` (0.5·L) concurrently, reranks on the CPU pool, then calls `final`
/// (3·L), with per-call timeouts, retries with backoff and jitter, a circuit breaker per
/// service, and partial failure (a failed `vector` or `db` degrades the answer, a failed
/// `llm` fails the query).
///
/// Baseline: ``AgentSequentialScenario``, the same workflow one step at a time, which meets
/// exactly the same failures (they are drawn from the seed).
public struct AgentScenario: Scenario {
    public static let name = "agent"
    public static let summary =
        "Q queries, each fanning out to llm, vector and db with timeouts, retries and breakers — a production-style agent"
    public static let parameters =
        AgentSettings.parameters + PipelineSettings.parameters + [ParameterCatalog.connections]

    public let settings: AgentSettings
    public let pipeline: PipelineSettings
    public var concurrency: Int { pipeline.concurrency }
    public var workers: Int { pipeline.workers }
    /// The http client's pool size (default: the calls in flight, three per query).
    public let connections: Int

    public init(point: ParameterPoint) throws(ScenarioError) {
        settings = try AgentSettings(point: point, scenario: Self.name)
        pipeline = try PipelineSettings(point: point, scenario: Self.name)
        connections = try point.connections(
            for: Self.name, automatic: 3 * min(pipeline.concurrency, settings.workload.tasks))
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? {
        BaselineReference(
            scenario: AgentSequentialScenario.name,
            point: point.restricted(to: AgentSettings.parameters.map(\.name)))
    }

    /// The seed's schedule of every query, each answered http attempt paying `roundTripNanos`.
    public func plans(roundTripNanos: Double = 0) -> [AgentQueryPlan] {
        (0..<settings.workload.tasks).map {
            AgentQueryPlan(settings: settings, query: $0, roundTripNanos: roundTripNanos)
        }
    }

    /// Lower bound `max(max(max_q T_q, Σ_q T_q / C), F + R·c / min(W, cores) + G)`, where `T_q`
    /// is query q's critical path from the seed's schedule (its slowest fan-out call with every
    /// retry and backoff, then rerank and the final call), R the queries that rerank, F the
    /// shortest fan-out before a rerank and G the shortest final call after one.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        let cpuNanosPerItem = costs.cpuNanosPerItem
        let cores = costs.cores
        let plans = self.plans(roundTripNanos: costs.roundTripNanos)
        let paths = plans.map { $0.concurrentNanos(cpuNanos: cpuNanosPerItem) }
        let reranking = plans.filter(\.reranks)
        return .overlapping(
            io: LatencyBounds.overlapped(paths, slots: concurrency),
            cpu: LatencyBounds.cpu(
                items: reranking.count, cpuPerItem: cpuNanosPerItem, threads: workers, cores: cores,
                leadIn: reranking.map { $0.concurrentNanos(cpuNanos: 0) - ($0.calls[.final]?.durationNanos ?? 0) }.min()
                    ?? 0,
                tail: reranking.compactMap { $0.calls[.final]?.durationNanos }.min() ?? 0))
    }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        let placement = pipeline.placement(for: settings.workload, in: context)
        let counters = AgentCounters(AgentCounts())
        let checksum = try await context.clock.runAgent(
            settings: settings, context: context, placement: placement, concurrency: concurrency,
            connections: connections, counters: counters)
        let counts = counters.snapshot
        try counts.checkOnSchedule(scenario: Self.name)
        return ScenarioOutcome(checksum: checksum.value, counters: counts.metrics)
    }
}
