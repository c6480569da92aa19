import SpeedLabCore
import SpeedLabStore

/// What a report reads from the store, once: the run, its points, every sample (for the
/// statistics and `samples.csv`), the metric totals and the traced repetition of each
/// scenario's representative point (its timeline).
public struct ReportData: Sendable {
    public var run: StoredRun
    public var points: [StoredPoint]
    public var samples: [PointSample]
    public var metrics: [PointID: [String: MetricSummary]]
    /// The traced repetitions drawn in the report, by point.
    public var traces: [PointID: PointTrace] = [:]
    /// The values of one sample metric per point, when a comparison follows one.
    public var sampleMetric: [PointID: [Double]] = [:]
    /// The llm points' per-repetition figures (``LLMPointFigures/columns``), by column and point.
    public var llmMetrics: [String: [PointID: [Double]]] = [:]
    /// Every stored request of the llm points, by point.
    public var requests: [PointID: [StoredRequest]] = [:]

    /// Reads run `id`; with `sampleMetric`, also that metric's values in every sample.
    public init(run id: RunID, from store: any RunDatabase, sampleMetric name: String? = nil) throws {
        var run = try store.run(id, counting: false)
        points = try store.points(ofRun: id)
        samples = try store.samples(ofRun: id)
        metrics = try store.metricSummaries(ofRun: id)
        if let name { sampleMetric = try store.sampleMetric(name, ofPoints: points.map(\.id)) }
        let llmPoints = points.filter { $0.scenario == "llm" }.map(\.id)
        if !llmPoints.isEmpty {
            for column in LLMPointFigures.columns + LLMPointFigures.loadColumns {
                llmMetrics[column] = try store.sampleMetric(column, ofPoints: llmPoints)
            }
            requests = try store.requests(ofPoints: llmPoints)
        }
        run.pointCount = points.count
        run.sampleCount = samples.reduce(0) { $0 + ($1.sample.isWarmup ? 0 : 1) }
        self.run = run
        let representatives = TimelineSelection.representatives(
            of: points, traced: try store.tracedPoints(ofRun: id))
        for point in representatives.values {
            if let trace = try store.trace(of: point.id) { traces[point.id] = trace }
        }
    }
}
