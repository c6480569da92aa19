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

    /// Samples gathered before a transaction when rounds are small.
    static let samplesPerTransaction = 1_000
    /// The longest finished samples wait to be stored (what a SIGKILL can lose at most).
    static let storeInterval: Duration = .milliseconds(200)

    public func run(_ plan: RunPlan) async throws -> RunResult {
        if let rule = plan.adaptive {
            var rounds = AdaptiveRounds(plan: plan, rule: rule)
            return try await run(plan, rounds: &rounds)
        }
        var rounds = FixedRounds(Schedule(plan: plan))
        return try await run(plan, rounds: &rounds)
    }

    private func run(_ plan: RunPlan, rounds schedule: inout some RoundSource) async throws -> RunResult {
        var checks = ChecksumBook(plan: plan)
        var failures: [String] = []
        var stored = 0
        var measuredStored = 0
        var finished = 0
        onEvent(.started(jobs: schedule.jobCount))
        var pending: [PointSample] = []
        var lastStored = ContinuousClock.now
        func store() throws {
            try recorder.record(pending)
            stored += pending.count
            measuredStored += pending.lazy.filter { !$0.sample.isWarmup }.count
            onEvent(.batchStored(samples: pending.count))
            pending.removeAll(keepingCapacity: true)
            lastStored = .now
        }

        // A repetition of a self-measuring point (a command) queued behind the one being
        // collected: it starts the moment that one ends (see ``measureLaunchingAhead``).
        var ahead: LaunchedAhead?
        var nextBatch = schedule.nextRound()
        while let batch = nextBatch {
            var takenRound: [Schedule.Job]?  // the next round, when taken before this one ended
            var tookRound = false
            for (index, job) in batch.enumerated() where !checks.hasFailed(job.ordinal) {
                if Task.isCancelled { break }
                let entry = plan.entries[job.ordinal]
                let point = entry.point
                let sample: Sample
                do {
                    if let own = point.scenario as? any SelfMeasuringScenario {
                        let next: Schedule.Job?
                        if index + 1 < batch.count {
                            next = batch[index + 1]
                        } else if schedule.decidesRoundsAhead {
                            if !tookRound {
                                takenRound = schedule.nextRound()
                                tookRound = true
                            }
                            next = takenRound?.first
                        } else {
                            next = nil
                        }
                        sample = try await measureLaunchingAhead(own, job: job, next: next, ahead: &ahead)
                    } else {
                        sample = try await measure(point, job: job)
                    }
                } catch is CancellationError {
                    break
                } catch {
                    if let queued = ahead, queued.job.ordinal == job.ordinal {  // its point failed
                        queued.scenario.abandon(queued.launched)
                        ahead = nil
                    }
                    try fail(
                        point, plan: plan, message: "\(point.title): \(error)", checks: &checks, failures: &failures)
                    schedule.drop(ordinal: job.ordinal)
                    await finishAfterFailure(point)
                    continue
                }
                if let mismatch = checks.check(sample.checksum, point: point) {
                    try fail(point, plan: plan, message: mismatch.description, checks: &checks, failures: &failures)
                    schedule.drop(ordinal: job.ordinal)
                    await finishAfterFailure(point)
                    continue
                }
                schedule.finished(job, wallNanos: sample.wallNanos)
                if let id = entry.pointID { pending.append(PointSample(pointID: id, sample: sample)) }
                finished += 1
                onEvent(
                    .jobFinished(
                        done: finished, total: schedule.jobCount, title: point.title, isWarmup: job.isWarmup,
                        wallNanos: sample.wallNanos))
            }
            // A round is stored when it ends, unless rounds are tiny: then they are gathered until
            // enough samples or time have passed, so per-transaction costs stay small per sample.
            if Task.isCancelled || pending.count >= Self.samplesPerTransaction
                || lastStored.duration(to: .now) >= Self.storeInterval
            {
                try store()
            }
            if Task.isCancelled, let queued = ahead {
                queued.scenario.abandon(queued.launched)
                ahead = nil
            }
            if Task.isCancelled {
                await finishAfterInterruption(plan)
                return RunResult(
                    ending: .interrupted, samplesStored: stored, measuredSamplesStored: measuredStored,
                    failures: failures)
            }
            nextBatch = tookRound ? takenRound : schedule.nextRound()
        }
        if let queued = ahead {  // never left over; stopped if it ever were
            queued.scenario.abandon(queued.launched)
        }
        try store()
        for entry in plan.entries {
            guard let own = entry.point.scenario as? any SelfMeasuringScenario else { continue }
            do { try await own.finish() } catch {
                try fail(
                    entry.point, plan: plan, message: "\(entry.point.title): \(error)", checks: &checks,
                    failures: &failures)
            }
        }
        if traces {
            let untraced = plan.entries.filter {
                !$0.hasTrace && $0.pointID != nil && !checks.hasFailed($0.point.ordinal) && $0.point.hasSpans
            }
            if !untraced.isEmpty { onEvent(.tracing(points: untraced.count)) }
            for entry in untraced {
                guard !Task.isCancelled else { break }
                try await traceRepetition(entry)
            }
        }
        for entry in plan.entries where !checks.hasFailed(entry.point.ordinal) {
            if let id = entry.pointID { try recorder.setStatus(.measured, error: nil, of: id) }
        }
        return RunResult(
            ending: failures.isEmpty ? .completed : .failed, samplesStored: stored,
            measuredSamplesStored: measuredStored, failures: failures)
    }

    /// A failed point's `finish()` (a command's cleanup), at once: what its setup made does
    /// not wait for the end of the run. It has failed already; a failing cleanup is a warning.
    /// Like after an interruption, it runs in a task that a Ctrl-C meanwhile does not cancel.
    private func finishAfterFailure(_ point: PlannedPoint) async {
        guard let own = point.scenario as? any SelfMeasuringScenario else { return }
        let onEvent = self.onEvent
        let title = point.title
        await Task {
            do { try await own.finish() } catch { onEvent(.warning("\(title): \(error)")) }
        }.value
    }

    /// Every point's `finish()` (a command's cleanup) after a Ctrl-C or SIGTERM, in a task of
    /// its own that the cancellation does not reach, once the finished samples are stored.
    /// A failure is a warning: the run is interrupted either way. A second signal exits at once.
    private func finishAfterInterruption(_ plan: RunPlan) async {
        let onEvent = self.onEvent
        for entry in plan.entries {
            guard let own = entry.point.scenario as? any SelfMeasuringScenario else { continue }
            let title = entry.point.title
            await Task {
                do { try await own.finish() } catch { onEvent(.warning("\(title): \(error)")) }
            }.value
        }
    }

    private func fail(
        _ point: PlannedPoint, plan: RunPlan, message: String, checks: inout ChecksumBook, failures: inout [String]
    ) throws {
        checks.markFailed(point.ordinal)
        failures.append(message)
        if let id = plan.entries[point.ordinal].pointID { try recorder.setStatus(.failed, error: message, of: id) }
        onEvent(.pointFailed(title: point.title, message: message))
    }

    /// The traced repetition of a point: one more run with a tracer in its context, kept as
    /// its trace and never as a sample. A trace that fails is reported and left out; the
    /// point's measured samples stand.
    func traceRepetition(_ entry: RunPlan.Entry) async throws {
        guard let id = entry.pointID else { return }
        var context = makeContext()
        let tracer = SpanTracer()  // its clock starts now: spans and wall time share one origin
        context.tracer = tracer
        do {
            _ = try await entry.point.scenario.run(in: context)
        } catch is CancellationError {
            return
        } catch {
            onEvent(.warning("\(entry.point.title): the traced repetition failed (\(error)); it is not stored."))
            return
        }
        let wall = tracer.now()
        try recorder.recordTrace(PointTrace(wallNanos: wall, spans: tracer.spans), of: id)
    }

    /// A repetition queued behind the one being collected, and the job it measures.
    struct LaunchedAhead {
        let job: Schedule.Job
        let launched: any LaunchedRepetition
        let scenario: any SelfMeasuringScenario
    }

    /// One repetition of a self-measuring point: taken from `ahead` when it was queued there,
    /// else launched now. Before waiting for it, the point's next repetition (`next`, when the
    /// schedule knows it and it is of the same point) is queued behind it, so it starts the
    /// moment this one ends instead of after SpeedLab has recorded this one: what lies between
    /// two repetitions is then the helper's own turnaround, not SpeedLab's.
    func measureLaunchingAhead(
        _ own: any SelfMeasuringScenario, job: Schedule.Job, next: Schedule.Job?, ahead: inout LaunchedAhead?
    ) async throws -> Sample {
        let launched: any LaunchedRepetition
        if let queued = ahead, queued.job == job {
            launched = queued.launched
            ahead = nil
        } else {
            if let stale = ahead {  // not the job it was queued for: never happens, but never runs twice
                stale.scenario.abandon(stale.launched)
                ahead = nil
            }
            launched = try await own.launch(repetition: job.repetition, isWarmup: job.isWarmup)
        }
        if let next, next.ordinal == job.ordinal,
            let queued = await own.launchAhead(repetition: next.repetition, isWarmup: next.isWarmup, after: launched)
        {
            ahead = LaunchedAhead(job: next, launched: queued, scenario: own)
        }
        let onEvent = self.onEvent
        return try await own.collect(launched) { onEvent(.warning($0)) }
    }

    /// One repetition of a scenario SpeedLab times itself: its run between two readings of the
    /// clock and of `getrusage` (a self-measuring point goes through ``measureLaunchingAhead``).
    func measure(_ point: PlannedPoint, job: Schedule.Job) async throws -> Sample {
        let context = makeContext()
        let before = ResourceUsage.current()
        let start = ContinuousClock.now
        let outcome = try await point.scenario.run(in: context)
        let wall = start.duration(to: .now)
        let after = ResourceUsage.current()
        var metrics = outcome.counters
        metrics.merge(context.lateness.metrics()) { own, _ in own }
        metrics.merge(context.calls.metrics()) { own, _ in own }
        let fetches = context.fetches.snapshot
        metrics.merge(fetches.metrics) { own, _ in own }
        if fetches.requests > 0 {  // the client's CPU per request: this process's CPU time, shared out
            let cpu = (after.userNanos - before.userNanos) + (after.systemNanos - before.systemNanos)
            metrics[Metric.clientCPUPerCall.name] = Double(cpu) / 1e3 / Double(fetches.requests)
        }
        return Sample(
            repetition: job.repetition, isWarmup: job.isWarmup,
            wallNanos: wall.components.seconds * 1_000_000_000 + wall.components.attoseconds / 1_000_000_000,
            userNanos: after.userNanos - before.userNanos, systemNanos: after.systemNanos - before.systemNanos,
            voluntarySwitches: after.voluntarySwitches - before.voluntarySwitches,
            involuntarySwitches: after.involuntarySwitches - before.involuntarySwitches,
            peakRSSBytes: after.peakRSSBytes, checksum: outcome.checksum, metrics: metrics)
    }
}
