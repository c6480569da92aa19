import Foundation
import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStore

/// A run of synthetic samples in a fresh database: `points` points alternating `sequential`
/// and `concurrent` (each concurrent point linked to the sequential one before it as its
/// baseline), `samples` samples spread evenly, `metricsPerSample` metrics each.
struct SyntheticRun {
    var samples: Int
    var points: Int
    var metricsPerSample: Int
    var path: String

    /// Creates the run in a fresh SQLite file and stores every sample in one batch; returns the
    /// store, the run, and the seconds the sample insert took.
    func make() throws -> (store: SQLiteRunStore, run: RunID, insertSeconds: Double) {
        let store = try BenchStore.fresh(at: path)
        let (run, batch) = try prepare(in: store)
        let start = ContinuousClock.now
        try store.record(batch)
        let insertSeconds = seconds(since: start)
        // As when the writing process exits: the WAL is folded into the database file.
        try store.checkpoint()
        return (store, run, insertSeconds)
    }

    /// Opens the run in `store` and registers its points; returns the run and the samples to
    /// store, which the caller times.
    func prepare(in store: any RunDatabase, label: String = "bench") throws -> (run: RunID, samples: [PointSample]) {
        let run = try store.createRun(
            NewRun(
                label: label, sweepName: "bench", sweepYAML: "name: bench\n", sweepSource: "bench",
                repetitions: max(1, samples / points), warmup: 0, seed: 1, environment: BenchStore.environment(),
                kernelNanosPerUnit: 11))
        let newPoints = (0..<points).map { index in
            NewPoint(
                ordinal: index, scenario: index.isMultiple(of: 2) ? "sequential" : "concurrent",
                parameters: ParameterPoint(["tasks": .integer(index / 2 + 1)]),
                baselineOrdinal: index.isMultiple(of: 2) ? nil : index - 1,
                idealNanos: 1_000_000, idealIONanos: 1_000_000, idealCPUNanos: 10_000)
        }
        let ids = try store.registerPoints(newPoints, run: run)
        var generator = SystemRandomNumberGenerator()
        let metrics = Dictionary(uniqueKeysWithValues: (0..<metricsPerSample).map { ("metric_\($0)", Double($0)) })
        let batch = (0..<samples).map { index in
            let ordinal = index % points
            let scale: Int64 = ordinal.isMultiple(of: 2) ? 8 : 1
            return PointSample(
                pointID: ids[newPoints[ordinal].key] ?? 0,
                sample: Sample(
                    repetition: index / points, isWarmup: false,
                    wallNanos: scale * Int64.random(in: 1_000_000...1_200_000, using: &generator),
                    userNanos: 500_000, systemNanos: 10_000, voluntarySwitches: 3, involuntarySwitches: 1,
                    peakRSSBytes: 10 << 20, checksum: UInt64(index), metrics: metrics))
        }
        return (run, batch)
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = start.duration(to: .now)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

func format(_ value: Double) -> String { String(format: "%.2f", value) }
