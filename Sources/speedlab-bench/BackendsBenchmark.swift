import Foundation
import SpeedLabCore
import SpeedLabPostgres
import SpeedLabReports
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabStoreOpener

/// The SQLite file and a PostgreSQL server side by side, on the same synthetic data: samples
/// inserted per second through `record(_:)` in rounds of 1,000 (as the engine stores them),
/// the full report of the run just stored, `history` over many runs, and `import` of a store.
///
/// The PostgreSQL database should be empty (a fresh `createdb`): the benchmark adds its runs.
struct BackendsBenchmark {
    var postgres: String?
    var samples: Int
    var points: Int
    var historyRuns: Int
    var importSource: String?

    func execute() throws {
        let sqlitePath = FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench-backends.sqlite")
            .path
        var stores: [(name: String, store: any RunDatabase)] = [("SQLite", try BenchStore.fresh(at: sqlitePath))]
        if let postgres { stores.append(("PostgreSQL", try StoreOpener.open(postgres, access: .write(create: true)))) }
        print("backends benchmark: \(samples) samples over \(points) points, history over \(historyRuns) runs")
        for (name, store) in stores {
            let (run, insertSeconds) = try insert(into: store)
            let readStart = ContinuousClock.now
            _ = try store.samples(ofRun: run)
            let readSeconds = seconds(since: readStart)
            let reportSeconds = try report(run, from: store)
            let historySeconds = try history(in: store)
            print(
                """
                \(name) (\(store.location)):
                  insert: \(format(insertSeconds)) s, \(Int(Double(samples) / insertSeconds)) samples/s (rounds of 1,000, 2 metrics each)
                  read every sample of the run: \(format(readSeconds)) s
                  report of the run (read, statistics, rendering): \(format(reportSeconds)) s
                  history over \(historyRuns) runs: \(format(historySeconds)) s
                """)
        }
        if let importSource, let target = stores.last?.store {
            let source = try SQLiteRunStore(path: importSource, access: .read)
            let start = ContinuousClock.now
            let summary = try RunImporter(source: source, target: target).run(.init())
            print(
                "import of \(importSource) into \(target.location): \(summary.imported.count) runs, "
                    + "\(summary.samples) samples, \(summary.skipped) already there, in \(format(seconds(since: start))) s"
            )
        }
        for (_, store) in stores { try store.close() }
    }

    /// Stores `samples` samples in rounds of 1,000; returns the run and the seconds it took.
    private func insert(into store: any RunDatabase) throws -> (RunID, Double) {
        let synthetic = SyntheticRun(samples: samples, points: points, metricsPerSample: 2, path: "")
        let (run, batch) = try synthetic.prepare(in: store, label: "bench-insert")
        let start = ContinuousClock.now
        var index = 0
        while index < batch.count {
            let end = min(batch.count, index + 1_000)
            try store.record(Array(batch[index..<end]))
            index = end
        }
        let elapsed = seconds(since: start)
        try store.finishRun(run, status: .completed)
        return (run, elapsed)
    }

    /// What `speedlab report` does with a run: read it, compute, render.
    private func report(_ run: RunID, from store: any RunDatabase) throws -> Double {
        let start = ContinuousClock.now
        let data = try ReportData(run: run, from: store)
        _ = ReportFiles.make(
            data, formats: Set(ReportFiles.Format.allCases), scenarioOrder: ["sequential", "concurrent"])
        return seconds(since: start)
    }

    /// Stores `historyRuns` small runs (3 points, 5 samples each), then times `speedlab history`.
    private func history(in store: any RunDatabase) throws -> Double {
        let label = "bench-history-\(UUID().uuidString.prefix(8))"
        for index in 0..<historyRuns {
            let run = try store.createRun(
                NewRun(
                    label: label, sweepName: "bench", sweepYAML: "name: bench\n", sweepSource: "bench", repetitions: 5,
                    warmup: 0, seed: 1, environment: BenchStore.environment(), kernelNanosPerUnit: 11))
            let newPoints = (0..<3).map { point in
                NewPoint(
                    ordinal: point, scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(point + 1)]),
                    baselineOrdinal: nil)
            }
            let ids = try store.registerPoints(newPoints, run: run)
            try store.record(
                newPoints.flatMap { point in
                    (0..<5).map { repetition in
                        PointSample(
                            pointID: ids[point.key] ?? 0,
                            sample: Sample(
                                repetition: repetition, isWarmup: false,
                                wallNanos: Int64(10_000_000 + (index % 7) * 10_000 + repetition), userNanos: 1,
                                systemNanos: 1, voluntarySwitches: 0, involuntarySwitches: 0, peakRSSBytes: 0,
                                checksum: 1, metrics: [:]))
                    }
                })
            try store.finishRun(run, status: .completed)
        }
        let filter = HistoryFilter(label: label)
        let start = ContinuousClock.now
        _ = HistoryBuilder().build(try store.history(filter), filter: filter)
        return seconds(since: start)
    }
}
