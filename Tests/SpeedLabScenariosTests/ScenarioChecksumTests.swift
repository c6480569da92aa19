import Clocks
import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios
import Testing

/// Every scenario does exactly its baseline's work, whatever its schedule.
@Suite struct ScenarioChecksumTests {
    static let workload: [String: ParameterValue] = [
        "tasks": .integer(12), "latency_ms": .integer(1), "jitter": .real(0.5), "work": .integer(2_000),
        "seed": .integer(7),
    ]

    /// One repetition whose simulated waits return at once: checksums and counters do not
    /// depend on how long the waits take, only that they end.
    static func outcome(_ type: any Scenario.Type, _ extra: [String: ParameterValue] = [:]) async throws
        -> ScenarioOutcome
    {
        let point = ParameterPoint(workload.merging(extra) { _, new in new })
        return try await type.init(point: point).run(in: ScenarioContext(clock: ImmediateClock()))
    }

    @Test(arguments: [
        (
            ConcurrentScenario.self as any Scenario.Type,
            ["concurrency": .integer(4), "dispatch": .text("window")] as [String: ParameterValue]
        ),
        (ConcurrentScenario.self, ["concurrency": .integer(5), "dispatch": .text("batches")]),
        (ParallelScenario.self, ["workers": .integer(3)]),
        (HybridScenario.self, ["concurrency": .integer(4), "workers": .integer(2), "cpu_pool": .text("dedicated")]),
        (HybridScenario.self, ["concurrency": .integer(4), "workers": .integer(2), "cpu_pool": .text("cooperative")]),
    ])
    func scenarioChecksumEqualsItsSequentialBaseline(type: any Scenario.Type, extra: [String: ParameterValue])
        async throws
    {
        let baseline = try await Self.outcome(SequentialScenario.self)
        let measured = try await Self.outcome(type, extra)
        #expect(measured.checksum == baseline.checksum)
        #expect(measured.counters["calls"] == 12)
        let found = type.baseline(of: ParameterPoint(Self.workload.merging(extra) { _, new in new }))
        let reference = try #require(found)
        #expect(reference.scenario == "sequential")
        #expect(reference.point == ParameterPoint(Self.workload))
    }

    /// A bound on behaviour, generous enough for a loaded machine: the waits overlap (their
    /// sum is 5 s). How close the scenario comes to 500 ms is measured by `speedlab-bench io`.
    @Test func tenConcurrentWaitsOverlapInsteadOfAddingUp() async throws {
        let scenario = try ConcurrentScenario(
            point: ParameterPoint([
                "tasks": .integer(10), "latency_ms": .integer(500), "concurrency": .integer(10),
            ]))
        // Time from a thread of its own: tests that keep Swift's shared pool busy in parallel
        // would otherwise delay this task's own resumption, not the scenario.
        let timer = SingleThreadExecutor(name: "speedlab-test-timer")
        defer { timer.shutdown() }
        // Its own event loop too: other tests' CPU work on the shared loop would delay its waits.
        let executors = ExecutorCache()
        defer { executors.shutdown() }
        let elapsed = try await withTaskExecutorPreference(timer) {
            let start = ContinuousClock.now
            _ = try await scenario.run(in: ScenarioContext(executors: executors))
            return start.duration(to: .now)
        }
        #expect(elapsed >= .milliseconds(500))
        #expect(elapsed < .seconds(4))
    }

    @Test func cancellingAConcurrentPointStopsItsTasks() async throws {
        // An event loop of its own: the cancelled tasks resume on it, and another test's CPU
        // work on the shared loop would hold them back, not the scenario.
        let executors = ExecutorCache()
        defer { executors.shutdown() }
        for dispatch in ["window", "batches"] {
            let scenario = try ConcurrentScenario(
                point: ParameterPoint([
                    "tasks": .integer(50), "latency_ms": .integer(20_000), "concurrency": .integer(10),
                    "dispatch": .text(dispatch),
                ]))
            let task = Task { try await scenario.run(in: ScenarioContext(executors: executors)) }
            try await Task.sleep(for: .milliseconds(30))
            let start = ContinuousClock.now
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            // Uncancelled, 50 waits of 20 s, 10 at a time, take 100 s: only cancellation ends them
            // this soon (a generous bound: other suites' blocking waits can hold the cooperative
            // pool for tens of seconds, and the cancelled tasks need it to resume).
            #expect(start.duration(to: .now) < .seconds(60))
        }
    }

    @Test func cancellingAnAgentPointStopsItsQueries() async throws {
        let scenario = try AgentScenario(
            point: ParameterPoint([
                "tasks": .integer(8), "latency_ms": .integer(40_000), "concurrency": .integer(4),
            ]))
        let executors = ExecutorCache()
        defer { executors.shutdown() }
        let task = Task { try await scenario.run(in: ScenarioContext(executors: executors)) }
        try await Task.sleep(for: .milliseconds(30))
        let start = ContinuousClock.now
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
        #expect(start.duration(to: .now) < .seconds(60))  // each query waits at least 240 s without cancellation
    }
}
