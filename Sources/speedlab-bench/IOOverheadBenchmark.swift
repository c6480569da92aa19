import Foundation
import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios

/// Splits the cost of N concurrent simulated waits on the event loop into its parts:
/// starting N empty tasks, N bare timer waits, and the whole `concurrent` scenario.
struct IOOverheadBenchmark {
    var tasks: Int
    var latencyMs: Double
    var repetitions = 15

    func execute() async throws {
        print("I/O overhead benchmark: N = \(tasks) tasks, \(format(latencyMs)) ms waits, median of \(repetitions)")
        let loop = ExecutorCache.shared.eventLoop
        try await report("start and finish N empty tasks on the event loop") {
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for _ in 0..<tasks { group.addTask {} }
                }
            }
        }
        try await report("N tasks each waiting once on the timer queue") {
            let clock = IOTimerClock()
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for _ in 0..<tasks { group.addTask { try await clock.sleep(for: .milliseconds(latencyMs)) } }
                }
            }
        }
        let scenario = try ConcurrentScenario(
            point: ParameterPoint([
                "tasks": .integer(tasks), "latency_ms": .real(latencyMs), "concurrency": .integer(tasks),
            ]))
        try await report("the concurrent scenario (C = N, work 0)") {
            _ = try await scenario.run(in: ScenarioContext())
        }
    }

    private func report(_ name: String, _ body: () async throws -> Void) async throws {
        var walls: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            try await body()
            walls.append(seconds(since: start) * 1e3)
        }
        walls.sort()
        print("  \(name): median \(format(walls[walls.count / 2])) ms, min \(format(walls[0])) ms")
    }
}
