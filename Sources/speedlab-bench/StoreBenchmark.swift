import SpeedLabStatistics
import SpeedLabStore

/// Inserts a synthetic run in one write transaction, then reads it back as per-point medians.
struct StoreBenchmark {
    var run: SyntheticRun

    func execute() throws {
        let (store, id, insertSeconds) = try run.make()
        let readStart = ContinuousClock.now
        let timings = try store.measuredSamples(ofRun: id)
        let medians = try timings.mapValues { try SortedSample($0.wallNanos).median }
        let readSeconds = seconds(since: readStart)
        precondition(medians.count == run.points, "read back \(medians.count) points, stored \(run.points)")
        let count = timings.values.reduce(0) { $0 + $1.wallNanos.count }
        precondition(count == run.samples, "read back \(count) samples, stored \(run.samples)")
        print(
            """
            store benchmark: \(run.samples) samples (+\(run.samples * run.metricsPerSample) metric rows) over \(run.points) points
              insert, one transaction: \(format(insertSeconds)) s = \(Int(Double(run.samples) / insertSeconds)) samples/s \
            (\(Int(Double(run.samples * (1 + run.metricsPerSample)) / insertSeconds)) rows/s with metrics)
              read back, median per point: \(format(readSeconds)) s = \(Int(Double(run.samples) / readSeconds)) samples/s
            """)
    }
}
