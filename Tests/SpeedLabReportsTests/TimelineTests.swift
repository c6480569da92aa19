import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// Timelines and Chrome traces of traced repetitions, from a synthetic store.
@Suite struct TimelineTests {
    static func store() throws -> SyntheticStore {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        try store.execute(
            try String(contentsOf: FixturePaths.fixtures.appendingPathComponent("stores/traces.sql"), encoding: .utf8))
        return store
    }

    @Test func timelineMatchesGoldenAndTheReportShowsIt() throws {
        let store = try Self.store()
        defer { store.remove() }
        let files = ReportFiles.make(try ReportData(run: 1, from: store.runs), formats: [.md, .svg]).files
        let timeline = try #require(files.first { $0.name == "timeline-concurrent.svg" })
        try expectMatchesGolden(timeline.text, named: "timeline/concurrent.svg")
        let markdown = try #require(files.first { $0.name == "report.md" }).text
        #expect(markdown.contains("## Timelines"))
        #expect(markdown.contains("![concurrent timeline](timeline-concurrent.svg)"))
        #expect(!files.contains { $0.name == "timeline-sequential.svg" }, "an untraced point has no timeline")
    }

    @Test func aStoreWithoutTracesGetsNoTimelineSection() throws {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        defer { store.remove() }
        let files = ReportFiles.make(try ReportData(run: 1, from: store.runs), formats: [.md, .svg]).files
        #expect(!files.contains { $0.name.hasPrefix("timeline-") })
        #expect(!(files.first { $0.name == "report.md" }?.text.contains("## Timelines") ?? true))
    }

    @Test func chromeTraceHasTheFieldsPerfettoNeeds() throws {
        let store = try Self.store()
        defer { store.remove() }
        let trace = try #require(try store.runs.trace(of: 2))
        let json = ChromeTrace.render([ChromeTrace.Entry(name: "point 2", trace: trace)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let complete = events.filter { $0["ph"] as? String == "X" }
        #expect(complete.count == trace.spans.count)
        for event in complete {
            for field in ["name", "cat", "ph", "ts", "dur", "pid", "tid", "args"] {
                #expect(event[field] != nil, "missing \(field) in \(event)")
            }
            let args = try #require(event["args"] as? [String: Any])
            #expect(args["item"] is Int)
            #expect((event["dur"] as? Double ?? -1) >= 0)
        }
        let fetches = complete.filter { $0["cat"] as? String == "fetch" }
        #expect(fetches.allSatisfy { ($0["args"] as? [String: Any])?["outcome"] != nil })
        #expect(fetches.allSatisfy { ($0["args"] as? [String: Any])?["attempt"] != nil })
        let names = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("thread: speedlab-event-loop"))
        #expect(names.contains("call lane 1"))
    }

    /// A thousand calls in flight are drawn in at most 120 rows, and the picture says so.
    @Test func aThousandCallsAreMergedIntoReadableRows() {
        let spans = (0..<1_000).flatMap { item in
            [
                Span(
                    kind: .fetch, item: item, service: 0, attempt: 1, outcome: "ok", startNanos: Int64(item) * 1_000,
                    endNanos: 20_000_000 + Int64(item) * 1_000, thread: "speedlab-event-loop"),
                Span(
                    kind: .compute, item: item, startNanos: 20_000_000 + Int64(item) * 5_000,
                    endNanos: 20_000_000 + Int64(item) * 5_000 + 4_000, thread: "speedlab-event-loop"),
            ]
        }
        let layout = TimelineLayout(PointTrace(wallNanos: 26_000_000, spans: spans))
        #expect(layout.callLanes == 1_000)
        let svg = TimelineSVG.render(
            title: "concurrent N=1000", trace: PointTrace(wallNanos: 26_000_000, spans: spans), idealNanos: 20_000_000)
        #expect(svg.contains("1000 call lanes drawn in 120 rows"))
        #expect(svg.contains("bound 20"))
        #expect(svg.utf8.count < 400_000)
    }

    /// Calls that do not overlap share a lane.
    @Test func lanesAreReusedOnceACallEnds() {
        let spans = (0..<10).map { item in
            Span(
                kind: .fetch, item: item, service: 0, attempt: 1, outcome: "ok", startNanos: Int64(item) * 10,
                endNanos: Int64(item) * 10 + 10, thread: "t")
        }
        #expect(TimelineLayout(PointTrace(wallNanos: 100, spans: spans)).callLanes == 1)
    }
}
