import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios

/// Executes a ``RunPlan``: warm-ups, then interleaved rounds, each sample measured with a
/// monotonic clock and `getrusage`, checked against its baseline's checksum, and stored
/// through the ``RunRecorder`` at the end of each round (tiny rounds are gathered into one
/// transaction of up to 1,000 samples or 200 ms).
///
/// Cancel the task that awaits ``run(_:)`` (SIGINT, SIGTERM) and the runner stops after
/// the current sample, storing every sample that finished; the result is `.interrupted`.
public struct Runner: Sendable {
    let recorder: any RunRecorder
    let makeContext: @Sendable () -> ScenarioContext
    /// Whether every point that measured without failing gets its traced repetition.
    let traces: Bool
    let onEvent: @Sendable (RunEvent) -> Void

    public init(
        recorder: any RunRecorder,
        makeContext: @escaping @Sendable () -> ScenarioContext = { ScenarioContext() },
        traces: Bool = false,
        onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) {
        self.recorder = recorder
        self.makeContext = makeContext
        self.traces = traces
        self.onEvent = onEvent
    }

    public func run(_ plan: RunPlan) async throws -> RunResult {
        if let rule = plan.adaptive {
            return try await run(plan, rounds: AdaptiveRounds(plan: plan, rule: rule))
        }
        return try await run(plan, rounds: FixedRounds(Schedule(plan: plan)))
    }

    /// Measures the plan round by round, storing as it goes, then ends the run: at once,
    /// storing what finished, when the task is cancelled; else finishing every point.
    private func run(_ plan: RunPlan, rounds: some RoundSource) async throws -> RunResult {
        onEvent(.started(jobs: rounds.jobCount))
        var progress = RunProgress(
            plan: plan, rounds: rounds, batches: BatchStore(recorder: recorder, onEvent: onEvent))
        while let round = progress.rounds.nextRound() {
            try await measure(round, of: plan, progress: &progress)
            if Task.isCancelled { return try await interrupt(plan, progress: &progress) }
            try progress.batches.storeIfDue()  // this round, unless rounds are tiny (see BatchStore)
        }
        return try await complete(plan, progress: &progress)
    }

    /// Measures a round's jobs in order, skipping those of points that failed, until the round
    /// ends or the task is cancelled.
    private func measure<Source>(
        _ round: [Schedule.Job], of plan: RunPlan, progress: inout RunProgress<Source>
    ) async throws {
        for (index, job) in round.enumerated() where !progress.checks.hasFailed(job.ordinal) {
            if Task.isCancelled { return }
            let entry = plan.entries[job.ordinal]
            switch await outcome(of: job, at: index, in: round, point: entry.point, progress: &progress) {
            case .cancelled:
                return
            case .failed(let message):
                try await failWhileMeasuring(entry.point, plan: plan, message: message, progress: &progress)
            case .measured(let sample):
                record(sample, of: job, entry: entry, progress: &progress)
            }
        }
    }

    /// How one job went.
    private enum JobOutcome {
        /// It measured, and its checksum matches its baseline's.
        case measured(Sample)
        /// It failed (an error, or a checksum mismatch), with this message.
        case failed(String)
        /// The task was cancelled while it ran.
        case cancelled
    }

    /// Measures `round[index]` of `point`, and checks its checksum.
    private func outcome<Source>(
        of job: Schedule.Job, at index: Int, in round: [Schedule.Job], point: PlannedPoint,
        progress: inout RunProgress<Source>
    ) async -> JobOutcome {
        let sample: Sample
        do {
            sample = try await self.sample(of: job, at: index, in: round, point: point, progress: &progress)
        } catch is CancellationError {
            return .cancelled
        } catch {
            progress.abandonAhead(ofPoint: job.ordinal)  // its point failed
            return .failed("\(point.title): \(error)")
        }
        if let mismatch = progress.checks.check(sample.checksum, point: point) { return .failed(mismatch.description) }
        return .measured(sample)
    }

    /// One repetition of `point`, measured the way its scenario is: timed here, or launched and
    /// collected through the scenario, its next repetition queued behind it when it follows.
    private func sample<Source>(
        of job: Schedule.Job, at index: Int, in round: [Schedule.Job], point: PlannedPoint,
        progress: inout RunProgress<Source>
    ) async throws -> Sample {
        switch point.scenario.measurement {
        case .timedBySpeedLab:
            return try await measure(point, job: job)
        case .selfMeasuring(let own):
            let next = progress.rounds.job(after: index, in: round)
            return try await measureLaunchingAhead(own, job: job, next: next, ahead: &progress.ahead)
        }
    }

    /// A job that measured: its wall time goes to the rounds, its sample to the batch store
    /// (unless its point is not stored), and its progress to the events.
    private func record<Source>(
        _ sample: Sample, of job: Schedule.Job, entry: RunPlan.Entry, progress: inout RunProgress<Source>
    ) {
        progress.rounds.finished(job, wallNanos: sample.wallNanos)
        if let id = entry.pointID { progress.batches.append(PointSample(pointID: id, sample: sample)) }
        progress.finishedJobs += 1
        onEvent(
            .jobFinished(
                done: progress.finishedJobs, total: progress.rounds.jobCount, title: entry.point.title,
                isWarmup: job.isWarmup, wallNanos: sample.wallNanos))
    }
}
