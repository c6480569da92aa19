import Foundation
import SpeedLabCore

/// Writes traced repetitions as Chrome Trace Event JSON, which Perfetto (ui.perfetto.dev)
/// and chrome://tracing open: one process per point, one track per thread (compute) and one
/// per call lane (I/O), complete events (`"ph":"X"`, times in µs) whose arguments carry item,
/// service, attempt and outcome.
public enum ChromeTrace {
    /// One point's trace with the name its process gets.
    public struct Entry: Sendable {
        public var name: String
        public var trace: PointTrace

        public init(name: String, trace: PointTrace) {
            self.name = name
            self.trace = trace
        }
    }

    /// Track ids of call lanes start here, after the thread tracks.
    static let callTrackBase = 1000

    public static func render(_ entries: [Entry]) -> String {
        var events: [String] = []
        for (index, entry) in entries.enumerated() {
            let pid = index + 1
            let layout = TimelineLayout(entry.trace)
            events.append(metadata("process_name", pid: pid, tid: 0, name: entry.name))
            events.append(
                #"{"name":"process_sort_index","ph":"M","pid":\#(pid),"tid":0,"args":{"sort_index":\#(pid)}}"#)
            let threadTrack = Dictionary(uniqueKeysWithValues: layout.threads.enumerated().map { ($1, $0 + 1) })
            for (thread, tid) in threadTrack.sorted(by: { $0.value < $1.value }) {
                events.append(metadata("thread_name", pid: pid, tid: tid, name: "thread: \(thread)"))
            }
            for lane in 0..<layout.callLanes {
                events.append(
                    metadata("thread_name", pid: pid, tid: callTrackBase + lane, name: "call lane \(lane + 1)"))
            }
            for span in layout.computeSpans {
                events.append(complete(span, pid: pid, tid: threadTrack[span.thread] ?? 0))
            }
            for call in layout.calls {
                for span in call.spans { events.append(complete(span, pid: pid, tid: callTrackBase + call.lane)) }
            }
        }
        return "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n" + events.joined(separator: ",\n") + "\n]}\n"
    }

    private static func metadata(_ kind: String, pid: Int, tid: Int, name: String) -> String {
        #"{"name":"\#(kind)","ph":"M","pid":\#(pid),"tid":\#(tid),"args":{"name":\#(JSONText.quote(name))}}"#
    }

    private static func complete(_ span: Span, pid: Int, tid: Int) -> String {
        var args = ["\"item\":\(span.item)", "\"thread\":\(JSONText.quote(span.thread))"]
        if let service = span.service { args.append("\"service\":\(service)") }
        if let attempt = span.attempt { args.append("\"attempt\":\(attempt)") }
        if let outcome = span.outcome { args.append("\"outcome\":\(JSONText.quote(outcome))") }
        let name =
            span.kind == .fetch && span.outcome != nil && span.outcome != "ok"
            ? "fetch (\(span.outcome!))" : span.kind.rawValue
        return String(
            format: #"{"name":%@,"cat":"%@","ph":"X","pid":%d,"tid":%d,"ts":%.3f,"dur":%.3f,"args":{%@}}"#,
            JSONText.quote(name), span.kind.rawValue, pid, tid, Double(span.startNanos) / 1e3,
            Double(span.durationNanos) / 1e3, args.joined(separator: ","))
    }
}
