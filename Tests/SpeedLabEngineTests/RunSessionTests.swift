import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabTestSupport
import Synchronization
import Testing

/// The run lifecycle owned by ``RunSession``, through the in-memory recorder: start, interrupt,
/// crash, and every way a resume must continue exactly where the run stopped.
@Suite struct RunSessionTests {
    /// Two sequential points (baselines) and two concurrent points that check against them.
    static let sweepYAML = """
        name: lifecycle
        repetitions: 3
        warmup: 1
        scenarios: [concurrent]
        parameters:
          tasks: [2, 3]
          latency_ms: 0
          work: 200
          concurrency: 2
        """

    static let processID: Int32 = 5151

    static func session(
        _ recorder: InMemoryRecorder, processID: Int32 = processID,
        onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) -> RunSession {
        RunSession(
            recorder: recorder, environment: SampleFactory.environment(processID: processID),
            calibrateKernel: { 2.0 }, onEvent: onEvent)
    }

    static func sweep() throws -> (Sweep, [PlannedPoint]) {
        let sweep = try SweepFile.parse(sweepYAML, source: "lifecycle.yaml")
        return (sweep, try ParameterGrid().expand(sweep))
    }

    /// Titles of the measured (not warm-up) jobs a session ran, in order.
    final class MeasuredJobs: Sendable {
        let titles = Mutex<[String]>([])
        func handle(_ event: RunEvent) {
            if case .jobFinished(_, _, let title, let isWarmup, _) = event, !isWarmup {
                titles.withLock { $0.append(title) }
            }
        }
    }

    /// Starts the sweep and cancels the session once `samples` jobs (warm-ups included) finished.
    static func interruptedRun(after samples: Int, in recorder: InMemoryRecorder) async throws -> RunOutcome {
        let (sweep, points) = try sweep()
        let session = Self.session(recorder) { event in
            if case .jobFinished(let done, _, _, _, _) = event, done == samples {
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        return try await Task { try await session.start(sweep, points: points) }.value
    }

    @Test func aNewRunMeasuresEveryPointAndEndsCompleted() async throws {
        let recorder = InMemoryRecorder()
        let (sweep, points) = try Self.sweep()
        let outcome = try await Self.session(recorder).start(sweep, points: points)
        #expect(outcome.ending == .completed)
        #expect(outcome.points == 4)
        #expect(outcome.samplesStored == 4 * (1 + 3))
        let run = try #require(recorder.run(outcome.run))
        #expect(run.status == .completed)
        #expect(run.points.values.allSatisfy { $0.status == .measured && $0.point.idealNanos != nil })
        #expect(recorder.measuredSampleCount(ofRun: outcome.run) == 12)
        #expect(run.run.kernelNanosPerUnit == 2.0)
    }

    @Test(arguments: [1, 4, 5, 9, 15])
    func anInterruptedRunResumesWithExactlyTheMissingSamples(after samples: Int) async throws {
        let recorder = InMemoryRecorder()
        let first = try await Self.interruptedRun(after: samples, in: recorder)
        #expect(first.ending == .interrupted)
        #expect(first.samplesStored == samples)
        #expect(recorder.run(first.run)?.status == .interrupted)
        let measuredBefore = recorder.measuredSampleCount(ofRun: first.run)
        #expect(measuredBefore == max(0, samples - 4))

        let jobs = MeasuredJobs()
        let resumed = try await Self.session(recorder, onEvent: jobs.handle).resume(first.run)
        #expect(resumed.ending == .completed)
        #expect(jobs.titles.withLock { $0.count } == 12 - measuredBefore)
        #expect(recorder.measuredSampleCount(ofRun: first.run) == 12)
        #expect(recorder.run(first.run)?.status == .completed)
    }

    @Test func aPointAlreadyCompleteIsNotMeasuredAgain() async throws {
        let recorder = InMemoryRecorder()
        // Warm-ups (4), round 0 (4), round 1 (4), then the first point of round 2.
        let first = try await Self.interruptedRun(after: 13, in: recorder)
        let jobs = MeasuredJobs()
        _ = try await Self.session(recorder, onEvent: jobs.handle).resume(first.run)
        let titles = jobs.titles.withLock { $0 }
        #expect(titles.count == 3)
        let complete = try #require(recorder.run(first.run)?.points.values.first { $0.point.ordinal == 0 })
        #expect(!titles.contains(complete.point.key.description))
    }

    @Test func aCrashedRunResumesAndALiveOneIsRefusedUntouched() async throws {
        let recorder = InMemoryRecorder()
        let first = try await Self.interruptedRun(after: 6, in: recorder)
        recorder.simulateCrash(ofRun: first.run, processID: 999)
        recorder.setLiveProcesses([999])
        await #expect(throws: RunSessionError.stillRunning(run: first.run, processID: 999, host: "testhost")) {
            try await Self.session(recorder).resume(first.run)
        }
        #expect(recorder.run(first.run)?.processID == 999)

        recorder.setLiveProcesses([])
        #expect(try recorder.recordedRun(first.run).status == .crashed)
        let resumed = try await Self.session(recorder).resume(first.run)
        #expect(resumed.ending == .completed)
        #expect(recorder.measuredSampleCount(ofRun: first.run) == 12)
    }

    @Test func forceTakesOverARunThatStillReadsRunning() async throws {
        let recorder = InMemoryRecorder()
        let first = try await Self.interruptedRun(after: 6, in: recorder)
        recorder.simulateCrash(ofRun: first.run, processID: 999)
        recorder.setLiveProcesses([999])
        let warnings = Mutex<[String]>([])
        let session = Self.session(recorder) { event in
            if case .warning(let message) = event { warnings.withLock { $0.append(message) } }
        }
        let resumed = try await session.resume(first.run, force: true)
        #expect(resumed.ending == .completed)
        #expect(warnings.withLock { $0.contains { $0.contains("--force takes it over") } })
    }

    @Test func aRunClaimedByAnotherProcessFirstIsNotMeasuredTwice() async throws {
        let recorder = InMemoryRecorder()
        let first = try await Self.interruptedRun(after: 6, in: recorder)
        let recorded = try recorder.recordedRun(first.run)
        #expect(try recorder.reopenRun(recorded, processID: 1, host: "testhost"))
        #expect(try !recorder.reopenRun(recorded, processID: 2, host: "testhost"), "the second claim loses")
        #expect(recorder.run(first.run)?.processID == 1)
    }

    @Test func aResumedPointStillChecksAgainstTheStoredChecksum() async throws {
        let recorder = InMemoryRecorder()
        // Round 0 complete: every point has a stored checksum; the concurrent points miss rounds 1 and 2.
        let first = try await Self.interruptedRun(after: 8, in: recorder)
        let baseline = try #require(recorder.run(first.run)?.points.keys.first { $0.scenario == "sequential" })
        recorder.overwriteChecksums(ofRun: first.run, point: baseline, with: 12_345)
        let resumed = try await Self.session(recorder).resume(first.run)
        #expect(resumed.ending == .failed)
        #expect(resumed.failures.count == 2, "the baseline itself and its concurrent point fail")
        #expect(resumed.failures.allSatisfy { $0.contains("checksum mismatch") })
        #expect(recorder.run(first.run)?.status == .failed)
    }

    @Test func aRunKilledBeforeRegisteringItsPointsResumesThemAll() async throws {
        let recorder = InMemoryRecorder()
        var run = SampleFactory.newRun(processID: 777)
        run.sweepYAML = Self.sweepYAML
        run.repetitions = 3
        run.warmup = 1
        let id = try recorder.createRun(run)
        recorder.setLiveProcesses([])
        let resumed = try await Self.session(recorder).resume(id)
        #expect(resumed.ending == .completed)
        #expect(resumed.points == 4)
        #expect(recorder.measuredSampleCount(ofRun: id) == 12)
    }

    @Test func pointsTheStoredSweepNoLongerExpandsToRefuseTheResume() async throws {
        let recorder = InMemoryRecorder()
        let first = try await Self.interruptedRun(after: 2, in: recorder)
        let stray = NewPoint(
            ordinal: 9, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(99)]),
            baselineOrdinal: nil)
        _ = try recorder.registerPoints([stray], run: first.run)
        await #expect(throws: RunSessionError.self) { try await Self.session(recorder).resume(first.run) }
        #expect(recorder.run(first.run)?.status == .interrupted, "a refused resume changes nothing")
    }

    @Test func resumingACompletedRunMeasuresNothing() async throws {
        let recorder = InMemoryRecorder()
        let (sweep, points) = try Self.sweep()
        let done = try await Self.session(recorder).start(sweep, points: points)
        let jobs = MeasuredJobs()
        let again = try await Self.session(recorder, onEvent: jobs.handle).resume(done.run)
        #expect(again.ending == .alreadyCompleted)
        #expect(jobs.titles.withLock { $0.isEmpty })
    }

    @Test func theResumePlanReadsWithoutWriting() async throws {
        let recorder = InMemoryRecorder()
        let first = try await Self.interruptedRun(after: 6, in: recorder)
        let (recorded, plan) = try Self.session(recorder).resumePlan(first.run)
        #expect(recorded.status == .interrupted)
        #expect(plan.missingSamples == 10)
        #expect(RunEstimate(plan: plan, kernelNanosPerUnit: 2, cores: 2).samples == 4 * 1 + 10)
        #expect(recorder.run(first.run)?.status == .interrupted)
    }

    @Test func aFailingWriteMarksTheRunFailedAndSurfacesTheError() async throws {
        struct DiskFull: Error, Equatable {}
        let recorder = InMemoryRecorder()
        recorder.failRecord(fromCall: 1, with: DiskFull())
        let (sweep, points) = try Self.sweep()
        await #expect(throws: DiskFull.self) { try await Self.session(recorder).start(sweep, points: points) }
        #expect(recorder.run(1)?.status == .failed)
    }

    @Test func tinyRoundsAreGatheredIntoFewTransactionsAndEverySampleIsStored() async throws {
        let recorder = InMemoryRecorder()
        let sweep = try SweepFile.parse(
            "name: tiny\nrepetitions: 200\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: [1, 2, 3]\n"
                + "  latency_ms: 0\n  work: 1\n", source: "tiny.yaml")
        let outcome = try await Self.session(recorder).start(sweep, points: try ParameterGrid().expand(sweep))
        #expect(outcome.ending == .completed)
        #expect(recorder.measuredSampleCount(ofRun: outcome.run) == 600)
        #expect(recorder.recordCallCount < 200, "200 rounds of 3 samples, gathered: \(recorder.recordCallCount)")
    }

    @Test func aDryRunEstimateCountsSamplesWithoutMakingJobs() throws {
        let (sweep, points) = try Self.sweep()
        var plan = RunPlan(points: points, repetitions: 100_000, warmup: 10_000)
        #expect(RunEstimate(plan: plan, kernelNanosPerUnit: 2, cores: 2).samples == 4 * 110_000)
        plan.repetitions = sweep.repetitions
        #expect(Schedule(plan: plan).jobCount == 4 * (10_000 + 3))
    }
}
