import Foundation
import SpeedLabTestSupport
import Testing

/// `speedlab trace` and `speedlab report --timeline` on a real run of the built binary.
@Suite(.serialized) struct TraceCommandTests {
    typealias R = ReliabilityTests

    @Test(.timeLimit(.minutes(2)))
    func traceAndTimelineExportTheTracedRepetitions() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: t\nrepetitions: 1\nwarmup: 0\nscenarios:\n  concurrent:\n    concurrency: 4\n"
                + "parameters:\n  tasks: 6\n  latency_ms: 2\n  work: 1000\n", to: "t.yaml")
        let run = try SpeedLabCommand.run(["run", sweep], in: folder.url)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("tracing 2 points"))
        #expect(FileManager.default.fileExists(atPath: folder.path("reports/1/timeline-concurrent.svg")))
        let db = folder.path("speedlab.sqlite")
        #expect(try R.integer("SELECT COUNT(*) FROM trace", in: db) == 2)
        #expect(try R.integer("SELECT COUNT(*) FROM span WHERE kind = 'compute'", in: db) == 12)

        let trace = try SpeedLabCommand.run(["trace", "1", "--out", "-"], in: folder.url)
        #expect(trace.exitCode == 0, "\(trace.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(trace.stdout.utf8)) as? [String: Any]
        let events = try #require(object?["traceEvents"] as? [[String: Any]])
        #expect(
            events.filter { $0["ph"] as? String == "X" }.count == (try R.integer("SELECT COUNT(*) FROM span", in: db)))

        let concurrent = try R.integer("SELECT id FROM point WHERE scenario = 'concurrent'", in: db)
        let timeline = try SpeedLabCommand.run(
            ["report", "1", "--timeline", String(concurrent), "--out", "timelines"], in: folder.url)
        #expect(timeline.exitCode == 0, "\(timeline.stderr)")
        let svg = try String(
            contentsOfFile: folder.path("timelines/timeline-point-\(concurrent).svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))

        let unknown = try SpeedLabCommand.run(["trace", "1", "--point", "999"], in: folder.url)
        #expect(unknown.exitCode == 64)
        #expect(unknown.stderr.contains("run 1 has no point 999"))
    }

    @Test(.timeLimit(.minutes(2)))
    func aRunWithoutTracesSaysHowToGetThem() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: t\nrepetitions: 1\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: 2\n  latency_ms: 1\n",
            to: "t.yaml")
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-trace", "--no-report"], in: folder.url).exitCode == 0)
        let trace = try SpeedLabCommand.run(["trace", "1"], in: folder.url)
        #expect(trace.exitCode == 64)
        #expect(trace.stderr.contains("has no traced point"))
    }
}
