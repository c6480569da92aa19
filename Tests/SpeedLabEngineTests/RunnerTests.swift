import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabSQLite
import SpeedLabScenarios
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@Suite struct RunnerTests {
    /// Registers the sweep's points in a fresh run of `store` and returns the plan.
    static func plan(_ yaml: String, in store: SQLiteRunStore, registry: ScenarioRegistry = .standard) throws -> (
        RunID, RunPlan
    ) {
        let sweep = try SweepFile.parse(yaml, source: "test.yaml", registry: registry)
        let points = try ParameterGrid(registry: registry).expand(sweep)
        let run = try store.createRun(SampleFactory.newRun())
        let ids = try store.registerPoints(
            points.map {
                NewPoint(
                    ordinal: $0.ordinal, scenario: $0.scenarioName, parameters: $0.parameters,
                    baselineOrdinal: $0.baselineOrdinal)
            },
            run: run)
        let entries = points.map { RunPlan.Entry(point: $0, pointID: ids[$0.key]) }
        return (run, RunPlan(entries: entries, repetitions: sweep.repetitions, warmup: sweep.warmup))
    }

    static let small = """
        name: small
        repetitions: 3
        warmup: 1
        scenarios: [sequential]
        parameters:
          tasks: [2, 3]
          latency_ms: 1
          work: 1000
        """

    @Test func smallSweepStoresEveryPointAndSample() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("db.sqlite"))
        let (run, plan) = try Self.plan(Self.small, in: store)
        let result = try await Runner(recorder: store).run(plan)
        #expect(result.ending == .completed)
        #expect(result.samplesStored == 2 * (1 + 3))
        let stored = try store.points(ofRun: run)
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.status == .measured })
        #expect(try store.recordedRun(run).points.values.allSatisfy { $0.measuredRepetitions == [0, 1, 2] })
        #expect(try store.run(run).sampleCount == 6)
    }

    @Test func repetitionsAreInterleavedRoundRobin() throws {
        let sweep = try SweepFile.parse(Self.small, source: "test.yaml")
        let points = try ParameterGrid().expand(sweep)
        let schedule = Schedule(plan: RunPlan(points: points, repetitions: 3, warmup: 1))
        #expect(schedule.jobCount == 8)
        let order = schedule.joined().map { "\($0.isWarmup ? "w" : "m")\($0.ordinal).\($0.repetition)" }
        #expect(order == ["w0.0", "w1.0", "m0.0", "m1.0", "m0.1", "m1.1", "m0.2", "m1.2"])
    }

    @Test func interruptionKeepsFinishedSamplesAndResumeCompletesTheRun() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("db.sqlite"))
        let (run, plan) = try Self.plan(Self.small, in: store)
        let interrupting = Runner(
            recorder: store,
            onEvent: { event in
                // Cancel the measuring task itself once 5 samples (2 warm-ups, 3 measured) are done.
                if case .jobFinished(let done, _, _, _, _) = event, done == 5 {
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            })
        let first = try await Task { try await interrupting.run(plan) }.value
        #expect(first.ending == .interrupted)
        #expect(first.samplesStored == 5)
        #expect(try store.run(run).sampleCount == 3)

        let recorded = try store.recordedRun(run)
        let resumed = RunPlan(
            entries: plan.entries.map { entry in
                let stored = recorded.points[entry.point.key]
                return RunPlan.Entry(
                    point: entry.point, pointID: entry.pointID, measured: stored?.measuredRepetitions ?? [],
                    checksum: stored?.checksum)
            }, repetitions: plan.repetitions, warmup: plan.warmup)
        #expect(resumed.missingSamples == 3)
        #expect(Schedule(plan: resumed).joined().filter { !$0.isWarmup }.count == 3)
        let second = try await Runner(recorder: store).run(resumed)
        #expect(second.ending == .completed)
        #expect(try store.run(run).sampleCount == 6)
        #expect(try store.recordedRun(run).points.values.allSatisfy { $0.measuredRepetitions == [0, 1, 2] })
    }

    @Test func checksumMismatchFailsThePointLoudlyAndKeepsTheOthers() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("db.sqlite"))
        let (run, plan) = try Self.plan(
            "name: broken\nrepetitions: 2\nwarmup: 0\nscenarios: [skipping]\nparameters:\n  tasks: 2\n  latency_ms: 0\n  work: [0, 50]\n",
            in: store, registry: TestScenarios.registry)
        let result = try await Runner(recorder: store).run(plan)
        #expect(result.ending == .failed)
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.contains("checksum mismatch in 'skipping'") == true)
        let points = try store.points(ofRun: run)
        let failed = points.filter { $0.status == .failed }
        #expect(failed.count == 1)
        #expect(failed.first?.parameters["work"] == .integer(50))
        #expect(points.filter { $0.status == .measured }.count == 3)
    }

    @Test func idealTimeOfSequentialIsItsLatencyPlusItsCPU() throws {
        let sweep = try SweepFile.parse(Self.small, source: "test.yaml")
        let points = try ParameterGrid().expand(sweep)
        let ideal = IdealTimeTable(points: points, kernelNanosPerUnit: 2, cores: 2)
        #expect(ideal.bounds.mapValues(\.nanos) == [0: 2 * (1_000_000 + 2_000), 1: 3 * (1_000_000 + 2_000)])
        #expect(ideal[1] == .serial(io: 3_000_000, cpu: 6_000))
    }
}
