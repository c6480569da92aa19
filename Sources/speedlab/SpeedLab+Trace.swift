import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

extension SpeedLab {
    /// `speedlab trace RUN`: a run's traced repetitions as Chrome Trace Event JSON.
    struct Trace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a run's traced repetitions as Chrome Trace Event JSON (Perfetto, chrome://tracing).",
            discussion: """
                Each traced point becomes a process with one track per thread (compute) and one per
                call in flight (fetches, permit waits, backoffs, breaker rejections); span arguments
                carry item, service, attempt and outcome. Open the file at https://ui.perfetto.dev
                (Open trace file) or in chrome://tracing. Examples:
                  speedlab trace                       # the latest completed run → reports/<id>/trace.json
                  speedlab trace 4 --point 17 --point 18 --out /tmp/t.json
                Exit codes: 0 written, 64 unknown run or point, or no traced point, 66 no database,
                73 output not writable.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "A run id, a label, `latest` or `latest~N` (default: the latest completed run).")
        var run: RunReference?
        @Option(
            name: .customLong("point"),
            help: "A point id (from `speedlab show RUN`); repeat for several. Default: every traced point.")
        var points: [Int64] = []
        @Option(help: "Output file (default: reports/<run-id>/trace.json); `-` prints to standard output.")
        var out: String?

        func run() async throws {
            let runs = try store.open(.read)
            let (id, text) = try SpeedLabExitCode.reporting {
                let id =
                    try run.map { reference throws(StoreError) in try runs.resolveRun(reference.selector) }
                    ?? runs.resolveRun(.latest)
                let stored = try runs.points(ofRun: id)
                let traced = try runs.tracedPoints(ofRun: id)
                let chosen = try TracedPoints.select(points, of: stored, traced: traced, run: id)
                var entries: [ChromeTrace.Entry] = []
                for point in chosen {
                    guard let trace = try runs.trace(of: point.id) else { continue }
                    entries.append(
                        ChromeTrace.Entry(
                            name: "point \(point.id): \(TimelineSelection.title(point, among: stored))", trace: trace))
                }
                return (id, ChromeTrace.render(entries))
            }
            if out == "-" {
                print(text, terminator: "")
                return
            }
            let file = URL(fileURLWithPath: out ?? "reports/\(id)/trace.json")
            _ = try ReportOutput.write(
                [RenderedFile(name: file.lastPathComponent, text: text)], to: file.deletingLastPathComponent())
            print("wrote \(file.path) (open it at https://ui.perfetto.dev or in chrome://tracing)")
        }
    }
}

/// The traced points a command asked for, checked against a run.
enum TracedPoints {
    /// `ids` (all traced points when empty), each refused by name when the run lacks it or
    /// its trace.
    static func select(_ ids: [Int64], of points: [StoredPoint], traced: Set<PointID>, run: RunID) throws
        -> [StoredPoint]
    {
        if ids.isEmpty {
            let all = points.filter { traced.contains($0.id) }
            guard !all.isEmpty else { throw TraceSelectionError.nothingTraced(run: run) }
            return all
        }
        return try ids.map { id in
            guard let point = points.first(where: { $0.id == id }) else {
                throw TraceSelectionError.unknownPoint(id, run: run)
            }
            guard traced.contains(id) else { throw TraceSelectionError.untraced(id, run: run) }
            return point
        }
    }
}

/// Why no trace can be shown (exit code 64).
enum TraceSelectionError: Error, CustomStringConvertible {
    case nothingTraced(run: RunID)
    case unknownPoint(Int64, run: RunID)
    case untraced(Int64, run: RunID)

    var description: String {
        switch self {
        case .nothingTraced(let run):
            return "run \(run) has no traced point (it ran with --no-trace, was interrupted before tracing, "
                + "or comes from an older speedlab). `speedlab run --resume \(run)` traces the points of an interrupted run."
        case .unknownPoint(let id, let run):
            return "run \(run) has no point \(id); `speedlab show \(run)` lists its points."
        case .untraced(let id, let run):
            return "point \(id) of run \(run) has no traced repetition (it failed, or the run used --no-trace)."
        }
    }
}
