import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios
import Testing

@Suite struct SequentialScenarioTests {
    @Test func sequentialChecksumCoversEveryItemsKernel() async throws {
        let scenario = try SequentialScenario(
            point: ParameterPoint([
                "tasks": .integer(4), "latency_ms": .integer(0), "work": .integer(1000),
            ]))
        let outcome = try await scenario.run(in: ScenarioContext())
        var expected = Checksum()
        for item in 0..<4 { expected.add(item: item, hash: 4_216_506_881_340_005_013) }
        #expect(outcome.checksum == expected.value)
        #expect(outcome.counters["calls"] == 4)
    }

    @Test func everySequentialWaitIsRecordedOnceAsWakeLateness() async throws {
        let scenario = try SequentialScenario(point: ParameterPoint(["tasks": .integer(3), "latency_ms": .integer(2)]))
        let context = ScenarioContext()
        let start = ContinuousClock.now
        _ = try await scenario.run(in: context)
        #expect(start.duration(to: .now) >= .milliseconds(6))  // three 2 ms waits, one after another
        #expect(context.lateness.count == 3)
        let metrics = context.lateness.metrics()
        let p50 = try #require(metrics["wake_late_p50_ms"])
        let p99 = try #require(metrics["wake_late_p99_ms"])
        let max = try #require(metrics["wake_late_max_ms"])
        #expect(0 <= p50 && p50 <= p99 && p99 <= max)
    }

    @Test func invalidParameterIsRefusedWithTheExpectation() {
        #expect(
            throws: ScenarioError.invalidValue(
                scenario: "sequential", name: "tasks", value: "0", expected: "a whole number from 1 to 1000000")
        ) {
            try SequentialScenario(point: ParameterPoint(["tasks": .integer(0)]))
        }
    }

    @Test func cancellingTheTaskStopsASimulatedWait() async throws {
        let scenario = try SequentialScenario(
            point: ParameterPoint(["tasks": .integer(1), "latency_ms": .integer(30_000)]))
        // Timed from a thread of its own, so parallel tests that keep Swift's shared pool busy
        // cannot delay this task's resumption.
        let timer = SingleThreadExecutor(name: "speedlab-test-timer")
        defer { timer.shutdown() }
        let elapsed = try await withTaskExecutorPreference(timer) {
            let task = Task(executorPreference: timer) { try await scenario.run(in: ScenarioContext()) }
            try await Task.sleep(for: .milliseconds(20))
            let start = ContinuousClock.now
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            return start.duration(to: .now)
        }
        #expect(elapsed < .seconds(10))  // the wait is 30 s: only cancellation ends it this soon
    }
}
