import SpeedLabCore
import SpeedLabStore

/// What a report reads from the store, once: the run, its points, every sample (for the
/// statistics and `samples.csv`) and the metric totals.
public struct ReportData: Sendable {
    public var run: StoredRun
    public var points: [StoredPoint]
    public var samples: [PointSample]
    public var metrics: [PointID: [String: MetricSummary]]

    public init(run id: RunID, from store: RunStore) throws {
        var run = try store.run(id, counting: false)
        points = try store.points(ofRun: id)
        samples = try store.samples(ofRun: id)
        metrics = try store.metricSummaries(ofRun: id)
        run.pointCount = points.count
        run.sampleCount = samples.reduce(0) { $0 + ($1.sample.isWarmup ? 0 : 1) }
        self.run = run
    }
}
