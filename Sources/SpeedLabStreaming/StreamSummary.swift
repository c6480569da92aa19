import SpeedLabCore

/// The metrics of one repetition of streamed requests: exact percentiles (nearest rank) of
/// `ttft`, `itl`, `tpot` and `e2e` over every successful request and every gap — never an
/// average of averages — with requests and output tokens per second over the repetition's
/// wall time, and the requests that failed.
public enum StreamSummary {
    public static func metrics(_ requests: [StreamTiming], wallNanos: Double) -> [String: Double] {
        let succeeded = requests.filter(\.succeeded)
        var metrics: [String: Double] = [:]
        metrics.merge(Metric.ttft.percentiles(of: succeeded.compactMap(\.ttftNanos), scale: 1e-6)) { a, _ in a }
        metrics.merge(Metric.itl.percentiles(of: succeeded.flatMap(\.itlNanos), scale: 1e-6)) { a, _ in a }
        metrics.merge(Metric.tpot.percentiles(of: succeeded.compactMap(\.tpotNanos), scale: 1e-6)) { a, _ in a }
        metrics.merge(Metric.e2e.percentiles(of: succeeded.compactMap(\.e2eNanos), scale: 1e-6)) { a, _ in a }
        metrics[Metric.errors.name] = Double(requests.count - succeeded.count)
        if requests.contains(where: { $0.scheduled != nil }) {  // an open loop
            metrics.merge(
                Metric.scheduledTTFT.percentiles(of: succeeded.compactMap(\.scheduledTTFTNanos), scale: 1e-6)
            ) { a, _ in a }
            metrics.merge(
                Metric.scheduledE2E.percentiles(of: succeeded.compactMap(\.scheduledE2ENanos), scale: 1e-6)
            ) { a, _ in a }
            metrics.merge(
                Metric.dispatchDelay.percentiles(of: requests.compactMap(\.dispatchDelayNanos), scale: 1e-6)
            ) { a, _ in a }
            let sends = requests.map(\.sent).sorted()
            if let first = sends.first, let last = sends.last, sends.count > 1 {
                let span = StreamTiming.nanos(first.duration(to: last))
                if span > 0 { metrics[Metric.achievedRate.name] = Double(sends.count - 1) / (span / 1e9) }
            }
        }
        if wallNanos > 0 {
            metrics[Metric.requestsPerSecond.name] = Double(succeeded.count) / (wallNanos / 1e9)
            metrics[Metric.outputTokensPerSecond.name] =
                Double(succeeded.reduce(0) { $0 + $1.outputTokens }) / (wallNanos / 1e9)
        }
        return metrics
    }
}
