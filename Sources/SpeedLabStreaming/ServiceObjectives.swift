import SpeedLabCore

/// A point's service-level objectives: a time to first token, a time per output token and a
/// whole-request time, any of them absent, each held per request (a request meets the
/// objectives when it is within every one, as vLLM's `--goodput`) and per point at a
/// percentile (the point meets them when that percentile of each figure is within it).
/// In an open loop, ttft and e2e count from the request's scheduled time: what a user of the
/// server waited, coordinated omission included.
public struct ServiceObjectives: Sendable, Hashable {
    public var ttftNanos: Double?
    public var tpotNanos: Double?
    public var e2eNanos: Double?
    /// The percentile (0.5, 0.9, 0.99) a point is held to.
    public var percentile: Double

    public init(ttftNanos: Double?, tpotNanos: Double?, e2eNanos: Double?, percentile: Double) {
        self.ttftNanos = ttftNanos
        self.tpotNanos = tpotNanos
        self.e2eNanos = e2eNanos
        self.percentile = percentile
    }

    public var isEmpty: Bool { ttftNanos == nil && tpotNanos == nil && e2eNanos == nil }

    /// Whether `request` (successful) is within every objective.
    public func isMet(by request: StreamTiming) -> Bool {
        guard request.succeeded else { return false }
        if let ttftNanos, (request.scheduledTTFTNanos ?? .infinity) > ttftNanos { return false }
        if let tpotNanos, let tpot = request.tpotNanos, tpot > tpotNanos { return false }
        if let e2eNanos, (request.scheduledE2ENanos ?? .infinity) > e2eNanos { return false }
        return true
    }

    /// Goodput, the share of requests within each objective, and whether the point meets them.
    public func metrics(_ requests: [StreamTiming], wallNanos: Double) -> [String: Double] {
        guard !isEmpty, !requests.isEmpty else { return [:] }
        var metrics: [String: Double] = [:]
        let count = Double(requests.count)
        if wallNanos > 0 {
            metrics[Metric.goodput.name] = Double(requests.filter(isMet(by:)).count) / (wallNanos / 1e9)
        }
        var meets = requests.allSatisfy(\.succeeded) || percentile < 1
        func hold(_ limit: Double?, _ share: Metric, _ values: [Double?]) {
            guard let limit else { return }
            metrics[share.name] = Double(values.filter { ($0 ?? .infinity) <= limit }.count) / count
            // Failed requests count as missing the objective (an infinite time).
            if Metric.nearestRank(percentile, ofSorted: values.map { $0 ?? .infinity }.sorted()) > limit {
                meets = false
            }
        }
        let succeeded = requests.map { $0.succeeded ? $0 : nil }
        hold(ttftNanos, Metric.sloTTFTShare, succeeded.map { $0?.scheduledTTFTNanos })
        hold(tpotNanos, Metric.sloTPOTShare, succeeded.map { $0.map { $0.tpotNanos ?? 0 } })
        hold(e2eNanos, Metric.sloE2EShare, succeeded.map { $0?.scheduledE2ENanos })
        metrics[Metric.meetsSLO.name] = meets ? 1 : 0
        return metrics
    }
}
