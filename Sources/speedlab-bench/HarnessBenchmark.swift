import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabSQLite
import SpeedLabStore

/// The harness's own cost per repetition: a run of trivial points (sequential, `latency_ms: 0`,
/// `work: 1`, ten points) through the real session and store, minus the wall times it measured,
/// divided by its samples, at several sizes; with the peak RSS after each.
struct HarnessBenchmark {
    var sizes: [Int]

    func execute() async throws {
        print("harness overhead per repetition (10 trivial points, no warm-up, SQLite store, progress to /dev/null)")
        print("| samples | run wall s | measured wall s | overhead µs/sample | peak RSS MiB |")
        print("|---|---|---|---|---|")
        for size in sizes {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench-harness.sqlite")
                .path
            let store = try BenchStore.fresh(at: path)
            let sweep = try SweepFile.parse(
                """
                name: harness
                repetitions: \(max(1, size / 10))
                warmup: 0
                scenarios: [sequential]
                parameters:
                  tasks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  latency_ms: 0
                  work: 1
                """, source: "harness")
            let points = try ParameterGrid().expand(sweep)
            let progress = ProgressPrinter(isTerminal: false, write: { _ in })
            let session = RunSession(
                recorder: store, environment: BenchStore.environment(), calibrateKernel: { 10 },
                onEvent: { progress.handle($0) })
            let started = ContinuousClock.now
            let outcome = try await session.start(sweep, points: points)
            let elapsedNanos = seconds(since: started) * 1e9
            let rss = Self.peakRSSMiB()
            let measured = try store.measuredWallNanosTotal(ofRun: outcome.run)
            let samples = outcome.measuredSamplesStored
            let overhead = (elapsedNanos - Double(measured)) / Double(samples) / 1e3
            print(
                "| \(samples) | \(String(format: "%.2f", elapsedNanos / 1e9)) | \(String(format: "%.3f", Double(measured) / 1e9)) | "
                    + "\(String(format: "%.1f", overhead)) | \(rss) |")
        }
    }

    static func peakRSSMiB() -> Int {
        var usage = rusage()
        _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
