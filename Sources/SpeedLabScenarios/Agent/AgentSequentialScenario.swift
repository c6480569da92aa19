import SpeedLabConcurrency
import SpeedLabCore

/// The agent workflow executed one step at a time: each query's calls one after another,
/// the rerank inline, then the final call; the baseline of ``AgentScenario``.
public struct AgentSequentialScenario: Scenario {
    public static let name = "agent_sequential"
    public static let summary = "the agent's workflow one step at a time — the baseline of agent"
    public static let parameters = AgentSettings.parameters

    public let settings: AgentSettings

    public init(point: ParameterPoint) throws(ScenarioError) {
        settings = try AgentSettings(point: point, scenario: Self.name)
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? { nil }

    /// Lower bound `Σ_q (every call's attempts and backoffs + c)`: nothing overlaps.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        let plans = (0..<settings.workload.tasks).map {
            AgentQueryPlan(settings: settings, query: $0, roundTripNanos: costs.roundTripNanos)
        }
        let cpu = Double(plans.filter(\.reranks).count) * costs.cpuNanosPerItem
        return .serial(
            io: plans.reduce(0) { $0 + $1.sequentialNanos(cpuNanos: costs.cpuNanosPerItem) } - cpu, cpu: cpu)
    }

    /// Runs on the event loop like the concurrent agent, so both wait on I/O from the same
    /// thread and a busy shared pool cannot make a response lose its race with its timeout.
    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        let counters = AgentCounters(AgentCounts())
        let checksum = try await withTaskExecutorPreference(context.eventLoop(for: settings.workload)) {
            try await context.clock.runAgent(
                settings: settings, context: context, placement: nil, concurrency: nil, connections: 1,
                counters: counters)
        }
        let counts = counters.snapshot
        try counts.checkOnSchedule(scenario: Self.name)
        return ScenarioOutcome(checksum: checksum.value, counters: counts.metrics)
    }
}
