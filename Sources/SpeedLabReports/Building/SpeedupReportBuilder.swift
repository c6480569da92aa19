import SpeedLabCore
import SpeedLabStatistics
import SpeedLabStore

/// Builds a ``SpeedupReport`` from what a run stored: one scan of its samples, the metric
/// totals, then the statistics of every point (in parallel across cores for large runs).
public struct SpeedupReportBuilder: Sendable {
    /// Bootstrap resamples for each speedup CI (fewer for very large samples).
    public var bootstrapResamples = 2_000
    /// Below this efficiency a point's bottleneck is called overhead.
    public var overheadEfficiency = 0.6

    public init() {}

    /// Reads run `id` from `store` and computes its report; `scenarioOrder` orders sections.
    public func build(run id: RunID, from store: any RunDatabase, scenarioOrder: [String] = []) throws -> SpeedupReport
    {
        try build(ReportData(run: id, from: store), scenarioOrder: scenarioOrder)
    }

    /// Computes the report of data already read from the store.
    public func build(_ data: ReportData, scenarioOrder: [String] = []) -> SpeedupReport {
        var report = build(
            run: data.run, points: data.points, samples: PointTimings.grouped(data.samples), metrics: data.metrics,
            scenarioOrder: scenarioOrder)
        report.llm = LLMPointFigures.make(data)
        return report
    }

    /// Computes a report from already loaded data.
    public func build(
        run: StoredRun, points: [StoredPoint], samples: [PointID: PointTimings],
        metrics: [PointID: [String: MetricSummary]], scenarioOrder: [String] = []
    ) -> SpeedupReport {
        let figures = computeFigures(points: points, samples: samples)
        let indexByID = Dictionary(uniqueKeysWithValues: points.enumerated().map { ($1.id, $0) })
        let rows = ConcurrentMap.map(Array(points.indices), minimum: 64) { index in
            let point = points[index]
            let baselineIndex = point.baselinePointID.flatMap { indexByID[$0] }
            return row(
                point, figures: figures[index], baseline: baselineIndex.map { figures[$0] },
                metrics: metrics[point.id] ?? [:], adaptive: run.adaptive, cores: run.environment.logicalCores)
        }
        let sections = Self.sections(rows, order: scenarioOrder)
        return SpeedupReport(
            run: run, warnings: ReportWarningRules.make(run: run, rows: rows), sections: sections,
            headline: Headline.make(rows: rows, cores: run.environment.logicalCores),
            bestCommandSpeedup: Headline.bestCommandSpeedup(rows: rows))
    }

    private func computeFigures(points: [StoredPoint], samples: [PointID: PointTimings]) -> [PointFigures] {
        ConcurrentMap.map(Array(points.indices), minimum: 64) { PointFigures(samples[points[$0].id] ?? PointTimings()) }
    }

    /// The median's 95% CI half-width relative to the median, once the interval is a 95% one.
    static func relativeHalfWidth(_ figures: PointFigures) -> Double? {
        guard figures.samples >= 6, let wall = figures.wall, wall.value > 0 else { return nil }
        return (wall.upper - wall.lower) / 2 / wall.value
    }

    private func row(
        _ point: StoredPoint, figures: PointFigures, baseline: PointFigures?, metrics: [String: MetricSummary],
        adaptive: AdaptiveRepetitions?, cores: Int
    ) -> PointRow {
        let median = figures.wall?.value
        let baselineMedian = baseline?.wall?.value
        var speedup: PointRow.Estimate?
        if let baseline, let median, let baselineMedian, median > 0 {
            let resamples = PointFigures.resamples(
                baseline: baseline.samples, point: figures.samples, preferred: bootstrapResamples)
            let ci = try? BootstrapCI(
                numerator: baseline.sortedWall, denominator: figures.sortedWall, resamples: resamples,
                seed: 0x5EED ^ point.key.stableHash)
            speedup = PointRow.Estimate(
                value: baselineMedian / median, lower: ci?.lower ?? .nan, upper: ci?.upper ?? .nan)
        }
        let ideal = point.idealNanos.map(Double.init)
        let halfWidth = Self.relativeHalfWidth(figures)
        let efficiency = ideal.flatMap { ideal in median.map { ideal / $0 } }
        var row = PointRow(
            pointID: point.id, scenario: point.scenario,
            parameters: point.parameters,
            status: point.status, samples: figures.samples, wall: figures.wall, baselinePointID: point.baselinePointID,
            baselineMedianNanos: baselineMedian, speedup: speedup, idealNanos: ideal,
            idealSpeedup: baselineMedian.flatMap { base in ideal.flatMap { $0 > 0 ? base / $0 : nil } },
            efficiency: efficiency,
            cpuUtilisation: figures.medianCPUNanos.flatMap { cpu in median.flatMap { $0 > 0 ? cpu / $0 : nil } },
            bottleneck: bottleneck(point, efficiency: efficiency, metrics: metrics, cores: cores),
            mildOutliers: figures.mildOutliers,
            severeOutliers: figures.severeOutliers, counters: metrics.mapValues(\.mean), error: point.error,
            relativeHalfWidth: adaptive == nil ? nil : halfWidth,
            reachedPrecision: adaptive.map { rule in
                halfWidth.map { $0 <= rule.precision } ?? false
            })
        row.command = point.command.flatMap(CommandRecord.init(json:))
        return row
    }

    private func bottleneck(
        _ point: StoredPoint, efficiency: Double?, metrics: [String: MetricSummary], cores: Int
    ) -> PointRow.Bottleneck? {
        Self.bottleneck(
            ioNanos: point.idealIONanos, cpuNanos: point.idealCPUNanos, efficiency: efficiency,
            clientCPUNanos: Self.clientCPUNanos(metrics: metrics, cores: cores), overheadEfficiency: overheadEfficiency)
    }

    /// What limits a point whose lower bound has the terms `ioNanos` and `cpuNanos`: client
    /// CPU when the point is I/O-bound and its HTTP client needs longer on the cores than the
    /// I/O waves (the point then measures its client, not its pattern), overhead under
    /// `overheadEfficiency`, else the larger term; nil without a bound or an efficiency.
    public static func bottleneck(
        ioNanos: Int64?, cpuNanos: Int64?, efficiency: Double?, clientCPUNanos: Double?, overheadEfficiency: Double
    ) -> PointRow.Bottleneck? {
        guard let efficiency, let io = ioNanos, let cpu = cpuNanos else { return nil }
        if io >= cpu, let clientCPUNanos, clientCPUNanos > Double(io) { return .clientCPU }
        if efficiency < overheadEfficiency { return .overhead }
        return io >= cpu ? .io : .cpu
    }

    /// The least time an http point's HTTP client needs for its own work: the requests of a
    /// repetition × the client's CPU per call ÷ the cores; nil for a point with no requests.
    public static func clientCPUNanos(metrics: [String: MetricSummary], cores: Int) -> Double? {
        guard let requests = metrics[Metric.httpRequests.name]?.mean, requests > 0,
            let perCall = metrics[Metric.clientCPUPerCall.name]?.mean, perCall > 0
        else { return nil }
        return requests * perCall * 1_000 / Double(max(1, cores))
    }

    /// Rows grouped by scenario (in `order`, then first appearance), with the parameters that
    /// vary in each group as its columns.
    static func sections(_ rows: [PointRow], order: [String]) -> [SpeedupReport.Section] {
        var names = order.filter { name in rows.contains { $0.scenario == name } }
        for row in rows where !names.contains(row.scenario) { names.append(row.scenario) }
        return names.map { name in
            let group = rows.filter { $0.scenario == name }
            let allNames = Set(group.flatMap { $0.parameters.names }).sorted()
            let swept = allNames.filter { key in Set(group.map { $0.parameters[key] }).count > 1 }
            let fixed = (group.first?.parameters ?? ParameterPoint()).restricted(
                to: allNames.filter { !swept.contains($0) })
            return SpeedupReport.Section(scenario: name, sweptParameters: swept, fixedParameters: fixed, rows: group)
        }
    }
}
