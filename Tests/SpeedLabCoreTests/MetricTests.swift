import SpeedLabCore
import Testing

/// The metric vocabulary: stored names, headings, directions and exact percentiles.
@Suite struct MetricTests {
    @Test func aDistributionIsStoredUnderOneNamePerPercentileWithItsUnit() {
        #expect(Metric.wakeLate.storedNames == ["wake_late_p50_ms", "wake_late_p99_ms", "wake_late_max_ms"])
        #expect(Metric.callLatency.storedNames == ["call_latency_p50_ms", "call_latency_p99_ms"])
        #expect(Metric.query.name(of: .p95) == "query_p95_ms")
        #expect(Metric.retries.storedNames == ["retries"])
        #expect(Metric.wakeLate.heading(.p99) == "wake late p99 ms")
        #expect(Metric.breakerRejections.heading() == "breaker rejections")
    }

    @Test func everyStoredNameOfABuiltInMetricLeadsBackToIt() {
        var seen = Set<String>()
        for metric in Metric.builtIn {
            for name in metric.storedNames {
                #expect(seen.insert(name).inserted, "\(name) is declared twice")
                #expect(Metric.builtIn(named: name) == metric)
            }
        }
        #expect(Metric.builtIn(named: "tokens_per_s") == nil)
        #expect(Metric.custom("tokens_per_s", direction: .higherIsBetter).direction == .higherIsBetter)
        #expect(Metric.answered.direction == .higherIsBetter && Metric.retries.direction == .lowerIsBetter)
    }

    /// Nearest rank over every value: p50 of 1…100 is 50, p99 is 99, the maximum 100; one
    /// value is every percentile; none gives nothing.
    @Test func percentilesAreExactNearestRanksOverEveryValue() {
        let values = (1...100).reversed().map(Double.init)
        let metrics = Metric.wakeLate.percentiles(of: values, scale: 2)
        #expect(metrics == ["wake_late_p50_ms": 100, "wake_late_p99_ms": 198, "wake_late_max_ms": 200])
        #expect(Metric.callLatency.percentiles(of: [7]) == ["call_latency_p50_ms": 7, "call_latency_p99_ms": 7])
        #expect(Metric.callLatency.percentiles(of: []).isEmpty)
        #expect(Metric.retries.percentiles(of: [1, 2]).isEmpty)
    }
}
