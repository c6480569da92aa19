import Foundation
import SpeedLabCore
import SpeedLabStore

/// Inserts a synthetic run of `samples` samples (spread over `points` points, with
/// `metricsPerSample` metrics each) into a fresh database in one write transaction, then reads it back aggregated.
struct StoreBenchmark {
    var samples: Int
    var points: Int
    var metricsPerSample: Int
    var path: String

    func run() throws {
        try? FileManager.default.removeItem(atPath: path)
        let store = try RunStore(path: path)
        let environment = RunEnvironment(
            host: "bench", operatingSystem: "bench", kernel: "bench", cpuModel: "bench", logicalCores: 2,
            memoryBytes: 1 << 30, swiftVersion: "6.3", buildConfiguration: "release", toolVersion: SpeedLabVersion.current,
            gitCommit: nil, loadAverage: 0, processID: ProcessInfo.processInfo.processIdentifier)
        let run = try store.createRun(NewRun(
            label: "bench", sweepName: "bench", sweepYAML: "name: bench\n", sweepSource: "bench", repetitions: samples / points,
            warmup: 0, seed: 1, environment: environment, kernelNanosPerUnit: 11))
        let newPoints = (0..<points).map { index in
            NewPoint(ordinal: index, scenario: index.isMultiple(of: 2) ? "sequential" : "concurrent",
                     parameters: ParameterPoint(["tasks": .integer(index)]), baselineOrdinal: nil)
        }
        let ids = try store.registerPoints(newPoints, run: run)
        var generator = SystemRandomNumberGenerator()
        let metrics = Dictionary(uniqueKeysWithValues: (0..<metricsPerSample).map { ("metric_\($0)", Double($0)) })
        let batch = (0..<samples).map { index in
            PointSample(pointID: ids[index % points] ?? 0, sample: Sample(
                repetition: index / points, isWarmup: false, wallNanos: Int64.random(in: 1_000_000...2_000_000, using: &generator),
                userNanos: 500_000, systemNanos: 10_000, voluntarySwitches: 3, involuntarySwitches: 1,
                peakRSSBytes: 10 << 20, checksum: UInt64(index), metrics: metrics))
        }
        let insertStart = ContinuousClock.now
        try store.record(batch)
        let insertSeconds = seconds(since: insertStart)

        let readStart = ContinuousClock.now
        let medians = try store.medians(ofRun: run)
        let readSeconds = seconds(since: readStart)
        let count = medians.values.reduce(0) { $0 + $1.samples }
        precondition(count == samples, "read back \(count) samples, stored \(samples)")

        print("""
            store benchmark: \(samples) samples (+\(samples * metricsPerSample) metric rows) over \(points) points
              insert, one transaction: \(format(insertSeconds)) s = \(Int(Double(samples) / insertSeconds)) samples/s \
            (\(Int(Double(samples * (1 + metricsPerSample)) / insertSeconds)) rows/s with metrics)
              read back, median per point: \(format(readSeconds)) s = \(Int(Double(samples) / readSeconds)) samples/s
            """)
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
