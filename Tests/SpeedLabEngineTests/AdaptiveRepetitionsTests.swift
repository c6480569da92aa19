import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabTestSupport
import Synchronization
import Testing

/// `repetitions: auto`: points are measured until their median is known to the precision,
/// between a minimum and a maximum and within a time budget, still in interleaved rounds.
@Suite struct AdaptiveRepetitionsTests {
    static let rule = AdaptiveRepetitions(precision: 0.01, minimum: 5, maximum: 20, budgetSeconds: 60)

    @Test func aQuietPointSettlesOnceItsIntervalIsA95PercentOne() {
        let quiet = (0..<6).map { 10_000_000 + Double($0 % 3) * 1_000 }  // ±0.01 %
        #expect(!Self.rule.isSettled(Array(quiet.prefix(5))), "five values give no 95% interval")
        #expect(Self.rule.isSettled(quiet))
        #expect((AdaptiveRepetitions.relativeHalfWidth(quiet) ?? 1) < 0.001)
    }

    @Test func aNoisyPointGoesOnToItsMaximum() {
        let noisy = (0..<19).map { 5_000_000 + Double(($0 * 7_919) % 10) * 1_000_000 }  // 5 to 14 ms
        #expect(!Self.rule.isSettled(noisy))
        #expect(Self.rule.isSettled(noisy + [7_000_000]), "the maximum ends it")
    }

    @Test func theTimeBudgetEndsAPointAfterItsMinimum() {
        var rule = Self.rule
        rule.budgetSeconds = 1
        let slow = [400e6, 900e6, 300e6, 800e6]
        #expect(!rule.isSettled(slow), "under the minimum the budget does not count")
        #expect(rule.isSettled(slow + [500e6]))
    }

    @Test func sweepFilesSayAutoWithItsTuningAndRefuseTuningWithoutIt() throws {
        let sweep = try SweepFile.parse(
            """
            name: a
            repetitions: auto
            precision: 2.5
            min_repetitions: 8
            max_repetitions: 30
            point_budget_s: 10
            scenarios: [sequential]
            """, source: "a.yaml")
        #expect(sweep.adaptive == AdaptiveRepetitions(precision: 0.025, minimum: 8, maximum: 30, budgetSeconds: 10))
        #expect(sweep.repetitions == 30)
        #expect(throws: SweepFileError.self) {
            try SweepFile.parse("name: a\nrepetitions: 5\nprecision: 2\nscenarios: [sequential]\n", source: "b.yaml")
        }
        do {
            _ = try SweepFile.parse(
                "name: a\nrepetitions: 5\nprecision: 2\nscenarios: [sequential]\n", source: "b.yaml")
        } catch {
            #expect(error.description.hasPrefix("b.yaml:3:"), "\(error)")
        }
    }

    static let sweepYAML = """
        name: adaptive
        repetitions: auto
        precision: 25
        min_repetitions: 5
        max_repetitions: 12
        warmup: 1
        scenarios: [sequential, jittery]
        parameters:
          tasks: 1
          latency_ms: 20
          work: 0
        """

    /// Each point's measured wall times, in repetition order.
    static func walls(_ recorder: InMemoryRecorder, run: RunID) -> [String: [Double]] {
        var walls: [String: [Double]] = [:]
        for (key, point) in recorder.run(run)?.points ?? [:] {
            walls[key.scenario] = point.samples.filter { !$0.key.isWarmup }.sorted {
                $0.key.repetition < $1.key.repetition
            }
            .map { Double($0.value.wallNanos) }
        }
        return walls
    }

    /// Every point stopped exactly when the rule said: settled with its last repetition, not
    /// settled without it. (Wall times come from real waits, so how many each point takes
    /// depends on the machine; when it stops does not.)
    static func expectStoppedWhenSettled(_ walls: [String: [Double]], rule: AdaptiveRepetitions) {
        #expect(walls.count == 2)
        for (scenario, values) in walls {
            #expect(values.count >= 6 && values.count <= rule.maximum, "\(scenario): \(values.count)")
            #expect(rule.isSettled(values), "\(scenario)")
            #expect(!rule.isSettled(Array(values.dropLast())), "\(scenario) went on after it settled")
        }
    }

    /// A session over the test scenarios, as process `processID`.
    static func session(
        _ recorder: InMemoryRecorder, processID: Int32, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) -> RunSession {
        RunSession(
            recorder: recorder, environment: SampleFactory.environment(processID: processID),
            registry: TestScenarios.registry, calibrateKernel: { 2 }, onEvent: onEvent)
    }

    static func sweep() throws -> (Sweep, [PlannedPoint]) {
        let sweep = try SweepFile.parse(Self.sweepYAML, source: "adaptive.yaml", registry: TestScenarios.registry)
        return (sweep, try ParameterGrid(registry: TestScenarios.registry).expand(sweep))
    }

    @Test(.timeLimit(.minutes(3)))
    func anAdaptiveRunStopsEachPointAsSoonAsItSettles() async throws {
        let recorder = InMemoryRecorder()
        let (sweep, points) = try Self.sweep()
        let outcome = try await Self.session(recorder, processID: 6161).start(sweep, points: points)
        #expect(outcome.ending == .completed)
        let rule = try #require(recorder.run(outcome.run)?.run.adaptive)
        #expect(rule.maximum == 12 && rule.precision == 0.25)
        Self.expectStoppedWhenSettled(Self.walls(recorder, run: outcome.run), rule: rule)
    }

    @Test(.timeLimit(.minutes(3)))
    func anInterruptedAdaptiveRunResumesWithTheSameRule() async throws {
        let recorder = InMemoryRecorder()
        let (sweep, points) = try Self.sweep()
        let interrupting = Self.session(recorder, processID: 6262) { event in
            if case .jobFinished(let done, _, _, _, _) = event, done == 6 { withUnsafeCurrentTask { $0?.cancel() } }
        }
        let first = try await Task { try await interrupting.start(sweep, points: points) }.value
        #expect(first.ending == .interrupted)
        recorder.setLiveProcesses([])
        let resumed = try await Self.session(recorder, processID: 6363).resume(first.run)
        #expect(resumed.ending == .completed)
        let rule = try #require(recorder.run(first.run)?.run.adaptive)
        Self.expectStoppedWhenSettled(Self.walls(recorder, run: first.run), rule: rule)
    }
}
