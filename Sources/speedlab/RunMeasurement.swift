import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabReports
import SpeedLabStore
import SpeedLabTransport

/// Wires a ``RunSession`` to the terminal: progress on standard error, SIGINT and SIGTERM
/// turned into cancellation, and the session's outcome printed and mapped to an exit code.
struct RunMeasurement {
    let store: any RunDatabase
    /// Whether a completed run ends by writing its report to `reports/<run-id>/`.
    let writesReport: Bool
    /// Where `transport: http` points find their services.
    let services: ServicesEndpoint
    /// Whether points get their traced repetition.
    let traces: Bool

    func measure(_ body: @escaping @Sendable (RunSession) async throws -> RunOutcome) async throws {
        let progress = ProgressPrinter()
        var session = RunSession(
            recorder: store, services: services,
            onEvent: { event in
                switch event {
                case .opened(let run, true, let missing):
                    print("resuming run \(run): \(missing) samples missing")
                case .warning(let message):
                    FileHandle.standardError.write(Data("warning: \(TerminalText.safe(message))\n".utf8))
                default:
                    progress.handle(event)
                }
            })
        session.traces = traces
        // The handlers are in place before the session starts: a signal at any moment after
        // the run is opened marks it interrupted instead of killing the process.
        let measuring = CancellableTask()
        let signals = InterruptSignals { measuring.cancel() }
        let task = Task { try await body(session) }
        measuring.set(task)
        let outcome: RunOutcome
        do {
            outcome = try await task.value
            signals.remove()
        } catch {
            signals.remove()
            if measuring.isCancelled, error is CancellationError || error is RealIOError {
                // A signal before the run was opened (while the services start): nothing to keep.
                FileHandle.standardError.write(Data("interrupted before the run started: nothing was stored.\n".utf8))
                throw ExitCode(SpeedLabExitCode.interrupted.rawValue)
            }
            throw SpeedLabExitCode.report(error)
        }
        try finish(outcome)
    }

    private func finish(_ outcome: RunOutcome) throws {
        let id = outcome.run
        switch outcome.ending {
        case .alreadyCompleted:
            print("run \(id) is already completed; nothing to resume.")
        case .completed:
            print(
                "run \(id) completed: \(outcome.points) points, \(outcome.measuredSamplesStored) samples in "
                    + "\(HumanFormat.duration(outcome.elapsed)); stored in \(store.location).")
            try summarise(run: id)
        case .interrupted:
            FileHandle.standardError.write(
                Data(
                    ("run \(id) interrupted: \(outcome.measuredSamplesStored) finished samples kept. "
                        + "Finish it with `speedlab run --resume \(id)`.\n").utf8))
            throw ExitCode(SpeedLabExitCode.interrupted.rawValue)
        case .failed:
            for failure in outcome.failures {
                FileHandle.standardError.write(Data("error: \(TerminalText.safe(failure))\n".utf8))
            }
            FileHandle.standardError.write(
                Data("run \(id) failed: \(outcome.failures.count) point(s) failed; other samples kept.\n".utf8))
            throw ExitCode(SpeedLabExitCode.failure.rawValue)
        }
    }

    /// Prints the compact speedup summary and, unless `--no-report`, writes the report.
    private func summarise(run id: RunID) throws {
        let output = ReportOutput(store: store)
        let rendered = try SpeedLabExitCode.reporting {
            try output.render(run: id, formats: writesReport ? Set(ReportFiles.Format.allCases) : [])
        }
        print(SummaryRenderer().render(rendered.report), terminator: "")
        guard writesReport else {
            print("next: speedlab report \(id)")
            return
        }
        let folder = URL(fileURLWithPath: "reports/\(id)")
        do {
            _ = try ReportOutput.writeAtomically(rendered.files, to: folder)
            print("report: \(folder.appendingPathComponent("report.md").path)")
        } catch let error as ReportOutput.WriteError {
            // The run is complete in the store; the report that was asked for is not written, and
            // a script must learn that from the exit code (73), not from a warning it never reads.
            FileHandle.standardError.write(
                Data(
                    ("error: \(TerminalText.safe("\(error)")) The run is stored and completed; write its report "
                        + "later with `speedlab report \(id) --out DIR`.\n").utf8))
            throw ExitCode(SpeedLabExitCode.cannotWriteOutput.rawValue)
        }
    }
}

extension RunMeasurement {
    /// Measures the sweep a command's flags stand for (`speedlab bench`, `speedlab load`) as a
    /// new run in `store`, the services launched from this binary if a point needs them, without
    /// traced repetitions: a bad sweep is refused before anything is stored.
    static func measure(sweepYAML: String, source: String, store: StoreOptions, writesReport: Bool) async throws {
        let (sweep, points) = try SpeedLabExitCode.reporting {
            let sweep = try SweepFile.parse(sweepYAML, source: source)
            return (sweep, try ParameterGrid().expand(sweep))
        }
        let runs = try store.open(.write(create: true))
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        try await RunMeasurement(
            store: runs, writesReport: writesReport, services: .launch(executable: executable), traces: false
        ).measure { try await $0.start(sweep, points: points) }
    }
}
