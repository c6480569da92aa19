import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabSQLite
import SpeedLabScenarios
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// The traced repetition of real runs of a small sweep, as the store keeps it: its spans obey
/// the schedule each scenario claims, and are never counted as samples.
@Suite(.serialized) struct TraceInvariantTests {
    static let sweep = """
        name: spans
        seed: 9
        repetitions: 2
        warmup: 0
        scenarios:
          concurrent:
            concurrency: 4
          parallel:
            workers: 2
          hybrid:
            concurrency: 4
            workers: 2
          agent:
            tasks: 16
            concurrency: 4
            failure_rate: [0.1, 0.3]
            breaker_threshold: 1000
        parameters:
          tasks: 12
          latency_ms: 2
          jitter: 0.3
          work: 30000
        """

    /// Runs the sweep once into a temporary store; returns the store and its traces by point.
    static func run(traces: Bool = true) async throws -> (TemporaryDirectory, SQLiteRunStore, [StoredPoint: PointTrace])
    {
        let folder = try TemporaryDirectory()
        let store = try SQLiteRunStore(path: folder.path("spans.sqlite"))
        let sweep = try SweepFile.parse(sweep, source: "spans.yaml")
        var session = RunSession(recorder: store, calibrateKernel: { 10 })
        session.traces = traces
        let outcome = try await session.start(sweep, points: try ParameterGrid().expand(sweep))
        #expect(outcome.ending == .completed)
        var traces: [StoredPoint: PointTrace] = [:]
        for point in try store.points(ofRun: outcome.run) {
            if let trace = try store.trace(of: point.id) { traces[point] = trace }
        }
        return (folder, store, traces)
    }

    static func overlapping(_ spans: [Span]) -> Int {
        var events: [(Int64, Int)] = []
        for span in spans {
            events.append((span.startNanos, 1))
            events.append((span.endNanos, -1))
        }
        var open = 0
        var most = 0
        for (_, change) in events.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            open += change
            most = max(most, open)
        }
        return most
    }

    @Test(.timeLimit(.minutes(5)))
    func tracedSpansFollowEachScenariosSchedule() async throws {
        let (folder, store, traces) = try await Self.run()
        defer { folder.remove() }
        #expect(traces.count == (try store.points(ofRun: 1)).count, "every point is traced")
        // Traced repetitions are not samples: each point keeps exactly its 2 measured samples.
        #expect(try store.samples(ofRun: 1).count == 2 * traces.count)
        for (point, trace) in traces {
            #expect(trace.wallNanos > 0)
            for span in trace.spans {
                #expect(span.startNanos <= span.endNanos, "\(point.scenario): \(span)")
                #expect(span.endNanos <= trace.wallNanos)
                if span.kind == .fetch { #expect(span.outcome != nil, "\(point.scenario): a fetch without outcome") }
            }
            let computes = trace.spans.filter { $0.kind == .compute }
            let items = point.parameters["tasks"]?.integerValue ?? 0
            switch point.scenario {
            case "sequential", "concurrent":
                #expect(computes.count == items)
                #expect(Self.overlapping(computes) == 1, "\(point.scenario) computed two items at once")
                #expect(trace.spans.filter { $0.kind == .fetch }.count == items)
                if point.scenario == "concurrent" {
                    #expect(Set(computes.map(\.thread)) == ["speedlab-event-loop"])
                }
            case "parallel":
                #expect(computes.count == items)
                #expect(Self.overlapping(computes) <= 2)
            case "hybrid":
                #expect(Self.overlapping(computes) <= 2)
                #expect(Self.overlapping(trace.spans.filter { $0.kind == .fetch }) <= 4)
            case "agent", "agent_sequential":
                let settings = try AgentSettings(point: point.parameters, scenario: point.scenario)
                let plans = (0..<settings.workload.tasks).map { AgentQueryPlan(settings: settings, query: $0) }
                let expected = AgentCounts(expectedFrom: plans)
                let fetches = trace.spans.filter { $0.kind == .fetch }
                #expect(fetches.count == expected.attempts, "\(point.scenario) \(point.parameters)")
                #expect(fetches.filter { $0.outcome == "timeout" }.count == expected.timeouts)
                #expect(fetches.filter { $0.outcome == "error" }.count == expected.errors)
                #expect(trace.spans.filter { $0.kind == .backoff }.count == expected.retries)
                #expect(trace.spans.filter { $0.kind == .rejection }.isEmpty)
            default:
                Issue.record("unexpected scenario \(point.scenario)")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func withoutTracingNoPointHasATrace() async throws {
        let (folder, store, traces) = try await Self.run(traces: false)
        defer { folder.remove() }
        #expect(traces.isEmpty)
        #expect(try store.tracedPoints(ofRun: 1).isEmpty)
    }
}
