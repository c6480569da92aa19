import Foundation
import SpeedLabCore
import SpeedLabScenarios

/// What recording one span costs: `spans` spans recorded back to back on one thread (two
/// clock readings, the thread's name looked up, an append under the tracer's lock), against
/// the same loop reading the clock only; and the traced `concurrent` scenario against the
/// untraced one (N = `tasks`, 1 ms waits).
struct TracerBenchmark {
    var spans: Int
    var tasks: Int

    func execute() async throws {
        print("tracer benchmark: \(spans) spans, then concurrent N = \(tasks) traced and untraced (median of 15)")
        var best = Double.infinity
        for _ in 0..<5 {
            let tracer = SpanTracer()
            let start = ContinuousClock.now
            for item in 0..<spans {
                let begin = tracer.now()
                tracer.record(.fetch, item: item, service: 0, attempt: 1, outcome: "ok", since: begin)
            }
            best = min(best, seconds(since: start) * 1e9 / Double(spans))
        }
        var clockOnly = Double.infinity
        for _ in 0..<5 {
            let tracer = SpanTracer()
            var sink: Int64 = 0
            let start = ContinuousClock.now
            for _ in 0..<spans { sink &+= tracer.now() &+ tracer.now() }
            clockOnly = min(clockOnly, seconds(since: start) * 1e9 / Double(spans))
            if sink == 42 { print("") }
        }
        print("  one span recorded: \(format(best)) ns (its two clock readings alone: \(format(clockOnly)) ns)")
        let scenario = try ConcurrentScenario(
            point: ParameterPoint([
                "tasks": .integer(tasks), "latency_ms": .integer(1), "concurrency": .integer(tasks),
                "work": .integer(1000),
            ]))
        for traced in [false, true] {
            var walls: [Double] = []
            var count = 0
            for _ in 0..<15 {
                var context = ScenarioContext()
                if traced { context.tracer = SpanTracer() }
                let start = ContinuousClock.now
                _ = try await scenario.run(in: context)
                walls.append(seconds(since: start) * 1e3)
                count = context.tracer?.spans.count ?? 0
            }
            walls.sort()
            print(
                "  concurrent N = \(tasks), work 1000, \(traced ? "traced (\(count) spans)" : "untraced"): "
                    + "median \(format(walls[walls.count / 2])) ms")
        }
    }
}
