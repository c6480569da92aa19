import SpeedLabCore

/// Where each span of a trace is drawn: compute spans in one lane per thread, the I/O spans
/// of each call (its permit wait, attempts, backoffs and rejections, in order) in one lane per
/// call in flight, packed so a lane is reused once its call has ended.
public struct TimelineLayout: Sendable {
    /// A call: the I/O spans of one (item, service), from its first start to its last end.
    public struct Call: Sendable {
        public var item: Int
        public var service: Int?
        public var spans: [Span]
        public var start: Int64
        public var end: Int64
        /// The lane it is drawn in (0-based).
        public var lane: Int
    }

    /// Thread names in lane order (the threads compute spans ran on, then any other thread a
    /// task resumed on).
    public var threads: [String]
    public var computeSpans: [Span]
    /// Where fetches resumed: (thread, time), drawn as ticks in the thread lanes.
    public var resumptions: [(thread: String, nanos: Int64)]
    public var calls: [Call]
    /// Lanes the calls need: the most calls in flight at once.
    public var callLanes: Int
    /// The end of the last span, or the wall time if later.
    public var endNanos: Int64

    public init(_ trace: PointTrace) {
        computeSpans = trace.spans.filter { $0.kind == .compute }
        var threads: [String] = []
        for span in computeSpans where !threads.contains(span.thread) { threads.append(span.thread) }
        let fetches = trace.spans.filter { $0.kind == .fetch }
        for span in fetches where !threads.contains(span.thread) { threads.append(span.thread) }
        self.threads = threads.sorted()
        resumptions = fetches.map { ($0.thread, $0.endNanos) }

        var byCall: [String: Call] = [:]
        var order: [String] = []
        for span in trace.spans where span.kind.isIO {
            let key = "\(span.item)/\(span.service ?? 0)"  // a permit wait joins the item's own fetch
            if var call = byCall[key] {
                call.spans.append(span)
                call.start = min(call.start, span.startNanos)
                call.end = max(call.end, span.endNanos)
                byCall[key] = call
            } else {
                byCall[key] = Call(
                    item: span.item, service: span.service, spans: [span], start: span.startNanos, end: span.endNanos,
                    lane: 0)
                order.append(key)
            }
        }
        var calls = order.compactMap { byCall[$0] }.sorted { ($0.start, $0.item) < ($1.start, $1.item) }
        var laneEnds: [Int64] = []
        for index in calls.indices {
            if let free = laneEnds.firstIndex(where: { $0 <= calls[index].start }) {
                calls[index].lane = free
                laneEnds[free] = calls[index].end
            } else {
                calls[index].lane = laneEnds.count
                laneEnds.append(calls[index].end)
            }
        }
        self.calls = calls
        callLanes = laneEnds.count
        endNanos = max(trace.wallNanos, trace.spans.map(\.endNanos).max() ?? 0)
    }
}
