import SpeedLabCore
import Synchronization

/// Collects how late each simulated I/O completion resumed its task, in nanoseconds.
///
/// This is the responsiveness asyncio users watch with the slow-callback debug mode: on a
/// cooperative pool busy with CPU work, a 20 ms sleeper can wake a second late.
public final class WakeLatenessRecorder: Sendable {
    private let values = Mutex<[Int64]>([])

    public init() {}

    public func record(nanos: Int64) {
        values.withLock { $0.append(max(0, nanos)) }
    }

    /// How many wake-ups were recorded.
    public var count: Int { values.withLock { $0.count } }

    /// `wake_late_p50_ms`, `wake_late_p99_ms`, `wake_late_max_ms` (nearest-rank), or nothing
    /// when no wait happened.
    public func metrics() -> [String: Double] {
        Metric.wakeLate.percentiles(of: values.withLock { $0 }.map(Double.init), scale: 1e-6)
    }
}
