import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios

/// How the runner measures one repetition: timed here, launched ahead and collected through a
/// self-measuring scenario, or traced.
extension Runner {
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
        var sample = Sample(
            repetition: job.repetition, isWarmup: job.isWarmup,
            wallNanos: wall.components.seconds * 1_000_000_000 + wall.components.attoseconds / 1_000_000_000,
            userNanos: after.userNanos - before.userNanos, systemNanos: after.systemNanos - before.systemNanos,
            voluntarySwitches: after.voluntarySwitches - before.voluntarySwitches,
            involuntarySwitches: after.involuntarySwitches - before.involuntarySwitches,
            peakRSSBytes: after.peakRSSBytes, checksum: outcome.checksum, metrics: metrics)
        if !job.isWarmup, let streams = context.streams.repetition {  // warm-ups keep no requests
            sample.requests = streams.requests.enumerated().map { number, timing in
                RequestRecord(timing, number: number, origin: streams.start)
            }
        }
        return sample
    }
}
