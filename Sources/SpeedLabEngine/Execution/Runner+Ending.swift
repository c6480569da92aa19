import SpeedLabCore
import SpeedLabScenarios

/// How a run ends: interrupted, or completed (finishing its points, tracing them, and storing
/// their statuses); and how a point that fails is marked.
extension Runner {
    /// The end of a cancelled run (Ctrl-C, SIGTERM): what finished is stored, the repetition
    /// queued ahead is stopped, and every point is finished; the result is `.interrupted`.
    func interrupt<Source>(_ plan: RunPlan, progress: inout RunProgress<Source>) async throws -> RunResult {
        try progress.batches.store()
        progress.abandonAhead()
        await finishAfterInterruption(plan)
        return progress.result(.interrupted)
    }

    /// The end of a run whose rounds are done: the last samples are stored, self-measuring
    /// points finished, traced repetitions taken when asked for, and every point that did not
    /// fail is marked measured.
    func complete<Source>(_ plan: RunPlan, progress: inout RunProgress<Source>) async throws -> RunResult {
        progress.abandonAhead()  // never left over; stopped if it ever were
        try progress.batches.store()
        try await finishSelfMeasuringPoints(plan, progress: &progress)
        if traces { try await traceUntracedPoints(plan, checks: progress.checks) }
        try markMeasured(plan, checks: progress.checks)
        return progress.result(progress.failures.isEmpty ? .completed : .failed)
    }

    /// Every self-measuring point's `finish()` (a command's cleanup) at the end of the run; a
    /// point whose `finish()` fails is marked failed.
    private func finishSelfMeasuringPoints<Source>(_ plan: RunPlan, progress: inout RunProgress<Source>)
        async throws
    {
        for entry in plan.entries {
            guard case .selfMeasuring(let own) = entry.point.scenario.measurement else { continue }
            do { try await own.finish() } catch {
                try fail(entry.point, plan: plan, message: "\(entry.point.title): \(error)", progress: &progress)
            }
        }
    }

    /// The traced repetition of every stored point that measured without failing, has spans
    /// and has no trace yet; stops early when the task is cancelled.
    private func traceUntracedPoints(_ plan: RunPlan, checks: ChecksumBook) async throws {
        let untraced = plan.entries.filter {
            !$0.hasTrace && $0.pointID != nil && !checks.hasFailed($0.point.ordinal) && $0.point.hasSpans
        }
        if !untraced.isEmpty { onEvent(.tracing(points: untraced.count)) }
        for entry in untraced {
            guard !Task.isCancelled else { break }
            try await traceRepetition(entry)
        }
    }

    /// Stores every point that did not fail as measured.
    private func markMeasured(_ plan: RunPlan, checks: ChecksumBook) throws {
        for entry in plan.entries where !checks.hasFailed(entry.point.ordinal) {
            if let id = entry.pointID { try recorder.setStatus(.measured, error: nil, of: id) }
        }
    }

    /// A point that failed while its rounds ran: marked failed, given no more jobs, and
    /// finished at once.
    func failWhileMeasuring<Source>(
        _ point: PlannedPoint, plan: RunPlan, message: String, progress: inout RunProgress<Source>
    ) async throws {
        try fail(point, plan: plan, message: message, progress: &progress)
        progress.rounds.drop(ordinal: point.ordinal)
        await finishAfterFailure(point)
    }

    /// Marks a point failed: in the checksum book, the run's failures, its stored status and
    /// the events.
    private func fail<Source>(
        _ point: PlannedPoint, plan: RunPlan, message: String, progress: inout RunProgress<Source>
    ) throws {
        progress.checks.markFailed(point.ordinal)
        progress.failures.append(message)
        if let id = plan.entries[point.ordinal].pointID { try recorder.setStatus(.failed, error: message, of: id) }
        onEvent(.pointFailed(title: point.title, message: message))
    }

    /// A failed point's `finish()` (a command's cleanup), at once: what its setup made does
    /// not wait for the end of the run. It has failed already; a failing cleanup is a warning.
    /// Like after an interruption, it runs in a task that a Ctrl-C meanwhile does not cancel.
    private func finishAfterFailure(_ point: PlannedPoint) async {
        guard case .selfMeasuring(let own) = point.scenario.measurement else { return }
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
            guard case .selfMeasuring(let own) = entry.point.scenario.measurement else { continue }
            let title = entry.point.title
            await Task {
                do { try await own.finish() } catch { onEvent(.warning("\(title): \(error)")) }
            }.value
        }
    }
}
