import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios
import Testing

/// Every call returns what it measured, and a repetition keeps every call's latency.
@Suite struct CallTimingTests {
    @Test func aSimulatedFetchReturnsItsTimingAndIsRecordedOnce() async throws {
        let context = ScenarioContext()
        let call = ServiceCall(
            service: 0, query: 3, attempt: 1, seed: 42, meanLatencyNanos: 2e6, jitter: 0, failureRate: 0,
            responseBytes: 1024)
        let timing = try await context.fetch(call, over: .simulated, connections: 1)
        #expect(timing.latency >= .milliseconds(2))
        #expect(timing.start <= timing.firstByte && timing.firstByte <= timing.end)
        #expect(timing.bytes == 0)
        #expect(context.calls.count == 1)
    }

    @Test func aFailedSimulatedCallIsTimedAndThrown() async throws {
        let context = ScenarioContext()
        let call = ServiceCall(
            service: 1, query: 0, attempt: 1, seed: 1, meanLatencyNanos: 1e6, jitter: 0, failureRate: 1,
            responseBytes: 0)
        guard call.draw == .fail else { return }  // failure rate 1: a fail or a hang, by the seed
        await #expect(throws: ServiceFailure.self) { try await context.fetch(call, over: .simulated, connections: 1) }
        #expect(context.calls.count == 1)
    }

    @Test func everyFetchOfAConcurrentRepetitionIsKeptForItsPercentiles() async throws {
        let scenario = try ConcurrentScenario(
            point: ParameterPoint([
                "tasks": .integer(12), "latency_ms": .integer(1), "concurrency": .integer(4), "work": .integer(0),
            ]))
        let context = ScenarioContext()
        _ = try await scenario.run(in: context)
        #expect(context.calls.count == 12)
        let metrics = context.calls.metrics()
        let p50 = try #require(metrics[Metric.callLatency.name(of: .p50)])
        let p99 = try #require(metrics[Metric.callLatency.name(of: .p99)])
        #expect(1 <= p50 && p50 <= p99)
    }
}

/// When an agent point stops being a measurement of the agent.
@Suite struct AgentScheduleRuleTests {
    @Test func pastOneCallInFiftyOffTheSeedsScheduleThePointFails() throws {
        var counts = AgentCounts()
        counts.calls = 100
        counts.unplanned = 2
        try counts.checkOnSchedule(scenario: "agent")  // 2 of 100: within one in fifty
        counts.unplanned = 3
        #expect(throws: ScenarioError.self) { try counts.checkOnSchedule(scenario: "agent") }
        counts.calls = 12
        counts.unplanned = 1
        try counts.checkOnSchedule(scenario: "agent")  // at least one is always allowed
        counts.unplanned = 2
        #expect(throws: ScenarioError.self) { try counts.checkOnSchedule(scenario: "agent") }
    }

    /// A simulated agent meets exactly the seed's schedule, failures and retries included.
    @Test func aSimulatedAgentWithFailuresStaysOnTheSeedsSchedule() async throws {
        let scenario = try AgentScenario(
            point: ParameterPoint([
                "tasks": .integer(16), "latency_ms": .integer(5), "failure_rate": .real(0.3),
                "concurrency": .integer(4),
                "work": .integer(0), "breaker_threshold": .integer(1000),
            ]))
        let outcome = try await scenario.run(in: ScenarioContext())
        #expect(outcome.counters[Metric.unplannedCalls.name] == nil)
        #expect((outcome.counters[Metric.retries.name] ?? 0) > 0)
    }
}
