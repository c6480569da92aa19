import Foundation
import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabScenarios
import Synchronization

/// Splits the cost of N concurrent simulated waits on the event loop into its parts:
/// starting N empty tasks, N bare timer waits, each step of the fetch path on top of them, the
/// phases of the bare waits (until the last has started; from the last deadline until its task
/// resumed and the group ended), and the whole `concurrent` scenario.
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
        let context = ScenarioContext()
        try await report("N tasks each waiting once through ScenarioContext.simulateIO") {
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for _ in 0..<tasks { group.addTask { try await context.simulateIO(nanos: latencyMs * 1e6) } }
                }
            }
        }
        let workload = try Workload(
            point: ParameterPoint(["tasks": .integer(tasks), "latency_ms": .real(latencyMs)]), scenario: "concurrent")
        try await report("N tasks each doing ScenarioContext.fetch") {
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for item in 0..<tasks {
                        group.addTask {
                            try await context.fetch(workload.call(item: item), over: .simulated, connections: tasks)
                        }
                    }
                }
            }
        }
        try await report("N tasks each doing traceFetch around simulateIO") {
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for item in 0..<tasks {
                        group.addTask {
                            try await context.traceFetch(item: item, service: 0, attempt: 1) {
                                try await context.simulateIO(nanos: latencyMs * 1e6)
                            }
                        }
                    }
                }
            }
        }
        try await report("N tasks each doing Workload.fetch") {
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for item in 0..<tasks {
                        group.addTask { try await workload.fetch(item: item, in: context, connections: tasks) }
                    }
                }
            }
        }
        let phaseClock = IOTimerClock()
        var startPhases: [Double] = []
        var tails: [Double] = []
        var wakes: [Double] = []
        for _ in 0..<repetitions {
            let begin = ContinuousClock.now
            let lastStart = LatestInstant(begin)
            let lastWake = LatestInstant(begin)
            try await withTaskExecutorPreference(loop) {
                try await withThrowingDiscardingTaskGroup { group in
                    for _ in 0..<tasks {
                        group.addTask {
                            let now = ContinuousClock.now
                            lastStart.raise(to: now)
                            try await phaseClock.sleep(until: now.advanced(by: .milliseconds(latencyMs)))
                            lastWake.raise(to: ContinuousClock.now)
                        }
                    }
                }
            }
            let end = ContinuousClock.now
            let last = lastStart.value
            startPhases.append(seconds(since: begin) * 1e3 - seconds(since: last) * 1e3)
            tails.append((last.advanced(by: .milliseconds(latencyMs))).duration(to: end).inMilliseconds)
            wakes.append((last.advanced(by: .milliseconds(latencyMs))).duration(to: lastWake.value).inMilliseconds)
        }
        startPhases.sort()
        tails.sort()
        wakes.sort()
        print(
            "  phases: last task started after \(format(startPhases[repetitions / 2])) ms; "
                + "the last deadline passed, its task resumed \(format(wakes[repetitions / 2])) ms later, "
                + "the group ended \(format(tails[repetitions / 2])) ms after the deadline")
        let scenario = try ConcurrentScenario(
            point: ParameterPoint([
                "tasks": .integer(tasks), "latency_ms": .real(latencyMs), "concurrency": .integer(tasks),
            ]))
        try await report("the concurrent scenario (C = N, work 0)") {
            _ = try await scenario.run(in: ScenarioContext())
        }
    }

    /// Times `body` `repetitions` times and prints its median and minimum, with the jobs the
    /// event loop ran per task (each start or resumption of a task on the loop is one job).
    private func report(_ name: String, _ body: () async throws -> Void) async throws {
        let loop = ExecutorCache.shared.eventLoop
        var walls: [Double] = []
        let jobsBefore = loop.completedJobCount
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            try await body()
            walls.append(seconds(since: start) * 1e3)
        }
        let jobsPerTask = Double(loop.completedJobCount - jobsBefore) / Double(repetitions * tasks)
        walls.sort()
        print(
            "  \(name): median \(format(walls[walls.count / 2])) ms, min \(format(walls[0])) ms, "
                + "\(format(jobsPerTask)) loop jobs per task")
    }
}

extension Duration {
    var inMilliseconds: Double { Double(components.seconds) * 1e3 + Double(components.attoseconds) * 1e-15 }
}

/// The latest of the instants reported to it, from any thread.
final class LatestInstant: Sendable {
    private let latest: Mutex<ContinuousClock.Instant>
    init(_ start: ContinuousClock.Instant) { latest = Mutex(start) }
    func raise(to instant: ContinuousClock.Instant) { latest.withLock { $0 = max($0, instant) } }
    var value: ContinuousClock.Instant { latest.withLock { $0 } }
}
