import SpeedLabCore
import Synchronization

/// Keeps the latency of every call of one repetition, so the point stores exact percentiles
/// over all of them (``Metric/callLatency``: nearest rank over every call, not a histogram,
/// and never an average of averages). A call that ends in an error status counts too; one
/// cut off by its timeout or its connection has no answer to time and does not.
public final class CallLatencyRecorder: Sendable {
    private let nanos = Mutex<[Double]>([])

    public init() {}

    /// Records what `timing` measured.
    public func record(_ timing: CallTiming) {
        let latency = timing.latency.components
        let value = Double(latency.seconds) * 1e9 + Double(latency.attoseconds) / 1e9
        nanos.withLock { $0.append(value) }
    }

    /// How many calls were recorded.
    public var count: Int { nanos.withLock { $0.count } }

    /// `call_latency_p50_ms` and `call_latency_p99_ms`, or nothing when no call was made.
    public func metrics() -> [String: Double] {
        Metric.callLatency.percentiles(of: nanos.withLock { $0 }, scale: 1e-6)
    }
}
