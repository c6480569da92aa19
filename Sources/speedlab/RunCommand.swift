import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabReports
import SpeedLabScenarios
import SpeedLabStore

/// The work behind `speedlab run`: open or resume a run, measure it with the engine while
/// SIGINT/SIGTERM cancel cleanly, record ideal times and the final status.
struct RunCommand {
    let store: StoreOptions
    /// Whether a finished run ends by writing its report to `reports/<run-id>/`.
    var writesReport = true

    func dryRun(_ sweep: Sweep, points: [PlannedPoint]) throws {
        var table = TextTable(header: ["#", "scenario", "parameters", "baseline"], rightAligned: [0, 3])
        for point in points {
            table.rows.append([
                String(point.ordinal), point.scenarioName, point.parameters.description,
                point.baselineOrdinal.map(String.init) ?? "-",
            ])
        }
        print(table.render(), terminator: "")
        let plan = RunPlan(points: points, pointIDs: [:], repetitions: sweep.repetitions, warmup: sweep.warmup)
        let calibration = KernelCalibration.measure()
        let seconds = IdealTimes.estimateSeconds(
            plan: plan, kernelNanosPerUnit: calibration.nanosPerUnit,
            cores: ProcessInfo.processInfo.activeProcessorCount)
        print(
            """
            \(points.count) points × (\(sweep.warmup) warm-up + \(sweep.repetitions) measured) = \
            \(Schedule(plan: plan).jobCount) samples; estimated at least \(Formatting.duration(seconds)) \
            (kernel: \(String(format: "%.1f", calibration.nanosPerUnit)) ns per unit here).
            """)
    }

    func start(_ sweep: Sweep, points: [PlannedPoint]) async throws {
        let runs = try store.open(create: true)
        let environment = EnvironmentProbe.current()
        let kernel = KernelCalibration.measure().nanosPerUnit
        do {
            let id = try runs.createRun(
                NewRun(
                    label: sweep.label, sweepName: sweep.name, sweepYAML: sweep.yaml, sweepSource: sweep.source,
                    repetitions: sweep.repetitions, warmup: sweep.warmup, seed: sweep.seed, environment: environment,
                    kernelNanosPerUnit: kernel))
            let ideal = IdealTimes.compute(points: points, kernelNanosPerUnit: kernel, cores: environment.logicalCores)
            let ids = try runs.registerPoints(newPoints(points, ideal: ideal), run: id)
            if environment.isDebugBuild {
                warn("this is a debug build: timings are not representative. Use `swift run -c release speedlab run`.")
            }
            let plan = RunPlan(points: points, pointIDs: ids, repetitions: sweep.repetitions, warmup: sweep.warmup)
            try await measure(plan, run: id, in: runs)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw SpeedLabExitCode.report(error)
        }
    }

    func resume(_ reference: String) async throws {
        let runs = try store.open(create: false)
        do {
            let id = try runs.resolveRun(reference)
            let stored = try runs.run(id)
            guard stored.status != .completed else {
                print("run \(id) is already completed; nothing to resume.")
                return
            }
            guard stored.status != .running else {
                throw ValidationError(
                    "run \(id) is still running (process \(stored.environment.processID)); resume it once it has stopped."
                )
            }
            var sweep = try SweepFile.parse(stored.sweepYAML, source: "run \(id) (\(stored.sweepSource))")
            sweep.repetitions = stored.repetitions
            sweep.warmup = stored.warmup
            let storedPoints = try runs.points(ofRun: id, withRepetitions: true)
            let byKey = Dictionary(storedPoints.map { ("\($0.scenario)|\($0.parametersJSON)", $0) }) { first, _ in first
            }
            let points = try ParameterGrid().expand(sweep, pointLimit: nil)
                .filter { byKey["\($0.scenarioName)|\($0.parameters.canonicalJSON)"] != nil }
            var ids: [Int: PointID] = [:]
            var done: [Int: Set<Int>] = [:]
            var checksums: [Int: UInt64] = [:]
            let storedChecksums = try runs.checksums(ofRun: id)
            for point in points {
                guard let storedPoint = byKey["\(point.scenarioName)|\(point.parameters.canonicalJSON)"] else {
                    continue
                }
                ids[point.ordinal] = storedPoint.id
                done[point.ordinal] = storedPoint.measuredRepetitions
                checksums[point.ordinal] = storedChecksums[storedPoint.id]
            }
            let environment = EnvironmentProbe.current()
            try runs.reopenRun(id, processID: environment.processID, host: environment.host)
            let plan = RunPlan(
                points: points, pointIDs: ids, repetitions: stored.repetitions, warmup: stored.warmup,
                done: done, knownChecksums: checksums)
            print(
                "resuming run \(id): \(Schedule(plan: plan).batches.joined().filter { !$0.isWarmup }.count) samples missing"
            )
            try await measure(plan, run: id, in: runs)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(SpeedLabExitCode.usage.rawValue)
        } catch {
            throw SpeedLabExitCode.report(error)
        }
    }

    private func measure(_ plan: RunPlan, run id: RunID, in runs: RunStore) async throws {
        let progress = ProgressPrinter()
        let runner = Runner(sink: runs, onEvent: { progress.handle($0) })
        let started = ContinuousClock.now
        let task = Task { try await runner.run(plan) }
        let signals = InterruptSignals { task.cancel() }
        let result: RunResult
        do {
            result = try await task.value
        } catch {
            signals.remove()
            try? runs.setStatus(.failed, ofRun: id)
            throw error
        }
        signals.remove()
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        switch result.ending {
        case .completed:
            try runs.setStatus(.completed, ofRun: id)
            print(
                "run \(id) completed: \(plan.points.count) points, \(result.samplesStored) samples in \(Formatting.duration(seconds)); stored in \(runs.path)."
            )
            try summarise(run: id, in: runs)
        case .interrupted:
            try runs.setStatus(.interrupted, ofRun: id)
            FileHandle.standardError.write(
                Data(
                    "run \(id) interrupted: \(result.samplesStored) finished samples kept. Finish it with `speedlab run --resume \(id)`.\n"
                        .utf8))
            throw ExitCode(SpeedLabExitCode.interrupted.rawValue)
        case .failed:
            try runs.setStatus(.failed, ofRun: id)
            for failure in result.failures { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
            FileHandle.standardError.write(
                Data("run \(id) failed: \(result.failures.count) point(s) failed; other samples kept.\n".utf8))
            throw ExitCode(SpeedLabExitCode.failure.rawValue)
        }
    }

    /// Prints the compact speedup summary and, unless `--no-report`, writes the report.
    private func summarise(run id: RunID, in runs: RunStore) throws {
        let output = ReportOutput(store: runs)
        let rendered = try output.render(run: id, formats: writesReport ? Set(ReportOutput.Format.allCases) : [])
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
            FileHandle.standardError.write(
                Data(
                    "warning: \(error) The run is stored; write it later with `speedlab report \(id) --out DIR`.\n".utf8
                ))
        }
    }

    private func newPoints(_ points: [PlannedPoint], ideal: [Int: IdealTime]) -> [NewPoint] {
        points.map { point in
            let bound = ideal[point.ordinal]
            return NewPoint(
                ordinal: point.ordinal, scenario: point.scenarioName, parameters: point.parameters,
                baselineOrdinal: point.baselineOrdinal, idealNanos: bound.map { Int64($0.nanos.rounded()) },
                idealIONanos: bound.map { Int64($0.ioNanos.rounded()) },
                idealCPUNanos: bound.map { Int64($0.cpuNanos.rounded()) })
        }
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }
}
