import SpeedLabCore
import SpeedLabStatistics
import SpeedLabStore

/// What a report shows of one llm point: the median over its measured repetitions of each
/// per-repetition figure (``columns``), where its output tokens were counted from, and the
/// time to first token of every successful stored request (its CDF).
public struct LLMPointFigures: Sendable, Hashable {
    public var pointID: PointID
    public var parameters: ParameterPoint
    /// Medians over repetitions, by `points.csv` column name.
    public var medians: [String: Double]
    /// `usage` when every request's tokens came from the server's usage, `chunks` when every
    /// one's were counted, `mixed` otherwise; nil with no stored request.
    public var tokenSource: String?
    /// Every successful stored request's time to first token, in milliseconds, sorted.
    public var ttftMilliseconds: [Double]

    /// The columns `points.csv` has per llm point, in order (medians over repetitions).
    public static let columns: [String] = [
        Metric.ttft.name(of: .p50), Metric.ttft.name(of: .p90), Metric.ttft.name(of: .p99),
        Metric.itl.name(of: .p50), Metric.itl.name(of: .p99), Metric.tpot.name(of: .p50), Metric.tpot.name(of: .p99),
        Metric.e2e.name(of: .p50), Metric.e2e.name(of: .p99), Metric.requestsPerSecond.name,
        Metric.outputTokensPerSecond.name, Metric.errors.name,
    ]

    /// The columns of an open loop's points, after ``columns`` (medians over repetitions).
    public static let loadColumns: [String] = [
        Metric.scheduledTTFT.name(of: .p99), Metric.scheduledE2E.name(of: .p50), Metric.scheduledE2E.name(of: .p99),
        Metric.dispatchDelay.name(of: .p50), Metric.dispatchDelay.name(of: .p99), Metric.offeredRate.name,
        Metric.achievedRate.name, Metric.goodput.name, Metric.sloTTFTShare.name, Metric.sloTPOTShare.name,
        Metric.sloE2EShare.name, Metric.meetsSLO.name,
    ]

    /// Whether the point was an open loop (it has a schedule's figures).
    public var isOpenLoop: Bool { medians[Metric.offeredRate.name] != nil }

    /// The figures of every llm point of `data` (scenario `llm`), by point.
    static func make(_ data: ReportData) -> [PointID: LLMPointFigures] {
        let llmPoints = data.points.filter { $0.scenario == "llm" }
        guard !llmPoints.isEmpty else { return [:] }
        var figures: [PointID: LLMPointFigures] = [:]
        for point in llmPoints {
            var medians: [String: Double] = [:]
            for column in columns + loadColumns {
                if let series = data.llmMetrics[column]?[point.id], let sample = try? SortedSample(series) {
                    medians[column] = sample.median
                }
            }
            let requests = data.requests[point.id] ?? []
            let sources = Set(requests.map(\.record.tokenSource))
            let ttft = requests.compactMap { stored -> Double? in
                guard stored.record.error == nil, let first = stored.record.firstTokenNanos else { return nil }
                return Double(first - stored.record.sentNanos) / 1e6
            }.sorted()
            figures[point.id] = LLMPointFigures(
                pointID: point.id, parameters: point.parameters, medians: medians,
                tokenSource: sources.count > 1 ? "mixed" : sources.first, ttftMilliseconds: ttft)
        }
        return figures
    }
}
