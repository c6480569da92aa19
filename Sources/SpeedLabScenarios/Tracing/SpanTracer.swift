import Foundation
import SpeedLabConcurrency
import SpeedLabCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Records the spans of one traced repetition: times on the monotonic clock from the
/// repetition's start, and the name of the thread each span ended on.
///
/// A span costs two clock readings, a thread lookup and an append under a lock (see
/// docs/performance.md for the measured cost); measured repetitions carry no tracer at all.
public final class SpanTracer: Sendable {
    private let origin = ContinuousClock.now
    private struct State {
        var spans: [Span] = []
        /// Thread names by pthread id: Foundation's name is read once per thread.
        var threads: [UInt: String] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    /// Nanoseconds since the repetition started.
    public func now() -> Int64 {
        let elapsed = origin.duration(to: .now).components
        return elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
    }

    /// Nanoseconds from the repetition's start to `instant`.
    public func nanos(at instant: ContinuousClock.Instant) -> Int64 {
        let elapsed = origin.duration(to: instant).components
        return elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
    }

    /// Records a span that started at `start` (from ``now()``) and ends now, on this thread.
    public func record(
        _ kind: Span.Kind, item: Int, service: Int? = nil, attempt: Int? = nil, outcome: String? = nil,
        since start: Int64
    ) {
        record(kind, item: item, service: service, attempt: attempt, outcome: outcome, from: start, to: now())
    }

    /// Records a span from `start` to `end` (both from ``now()`` or ``nanos(at:)``), on this thread.
    public func record(
        _ kind: Span.Kind, item: Int, service: Int? = nil, attempt: Int? = nil, outcome: String? = nil,
        from start: Int64, to end: Int64, firstToken: Int64? = nil
    ) {
        let id = UInt(bitPattern: Int(bitPattern: UInt(pthread_self())))
        state.withLock { state in
            let thread: String
            if let known = state.threads[id] {
                thread = known
            } else {
                thread = Self.lane(for: ExecutorThread.currentName ?? "", taken: Set(state.threads.values))
                state.threads[id] = thread
            }
            state.spans.append(
                Span(
                    kind: kind, item: item, service: service, attempt: attempt, outcome: outcome, startNanos: start,
                    endNanos: end, thread: thread, firstTokenNanos: firstToken))
        }
    }

    /// The lane name of a newly seen thread: SpeedLab's executor threads (and SwiftNIO's) by
    /// their own unique names; threads of Swift's cooperative pool, which share one name, as
    /// `swift-pool #n`; any name already taken by another thread gets a number.
    static func lane(for name: String, taken: Set<String>) -> String {
        let base = name.hasPrefix("speedlab") || name.hasPrefix("NIO") ? name : "swift-pool"
        if base != "swift-pool", !taken.contains(base) { return base }
        var number = 1
        while taken.contains("\(base) #\(number)") { number += 1 }
        return "\(base) #\(number)"
    }

    /// Every span recorded, in the order they ended.
    public var spans: [Span] { state.withLock { $0.spans } }

    /// The outcome name of an error that ended a fetch.
    public static func outcome(of error: any Error) -> String {
        switch error {
        case is ServiceFailure: return "error"
        case is CancellationError: return "cancelled"
        case is TransportError: return "transport"
        case is TimeoutError: return "timeout"
        case is CircuitOpenError: return "rejected"
        default: return "error"
        }
    }
}
