import SpeedLabCore
import SpeedLabReports
import Testing

/// The report's metric columns follow from the metric vocabulary.
@Suite struct ReportColumnTests {
    @Test func callLatencyColumnsApplyToHTTPPointsOnly() {
        let p50 = ReportColumn(.callLatency, .p50, onlyWith: .httpRequests)
        #expect(p50.storedName == "call_latency_p50_ms")
        #expect(p50.heading == "call latency p50 ms")
        #expect(p50.format(1.234) == "1.23")
        #expect(!p50.applies(to: ["call_latency_p50_ms": 1]))
        #expect(p50.applies(to: ["call_latency_p50_ms": 1, "http_requests": 64]))
    }

    @Test func theShownColumnsKeepTheirHeadingsAndPrecision() {
        #expect(
            ReportColumn.shown.map(\.heading) == [
                "retries", "timeouts", "degraded", "failed", "wake late p99 ms", "answer ttft p50 ms",
                "call latency p50 ms",
                "call latency p99 ms",
            ])
        #expect(ReportColumn(.retries).format(2) == "2.0")
        #expect(ReportColumn(.wakeLate, .p99).format(0.25) == "0.25")
    }
}
