import SpeedLabConcurrency
import SpeedLabCore

/// Every fetch in one task group on a single thread (the event loop), at most `concurrency`
/// in flight; the CPU kernel runs inline on that same thread.
///
/// Shows that concurrency overlaps I/O but not CPU. `dispatch: window` keeps C calls in
/// flight with a semaphore (a new call starts as soon as any finishes); `dispatch: batches`
/// gathers C calls at a time and waits for the slowest of each batch before the next, which
/// loses time as soon as latencies have jitter. Baseline: ``SequentialScenario``.
public struct ConcurrentScenario: Scenario {
    public static let name = "concurrent"
    public static let summary =
        "all fetches on one thread (an event loop), at most C in flight; CPU inline — I/O overlaps, CPU does not"
    public static let parameters =
        ParameterCatalog.workload + [
            ParameterCatalog.concurrency, ParameterCatalog.dispatch, ParameterCatalog.connections,
        ]

    public let workload: Workload
    public let concurrency: Int
    public let dispatch: DispatchMode
    /// The http client's pool size (default: the calls in flight, `min(C, N)`).
    public let connections: Int

    public init(point: ParameterPoint) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: Self.name)
        concurrency = try point.integer(ParameterCatalog.concurrency, for: Self.name)
        dispatch = try point.choice(ParameterCatalog.dispatch, for: Self.name)
        connections = try point.connections(for: Self.name, automatic: min(concurrency, workload.tasks))
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? {
        BaselineReference(scenario: SequentialScenario.name, point: Workload.point(of: point))
    }

    /// Lower bound `max(max(Σ latency / C, longest latency), shortest latency + N·c)`: fetches
    /// overlap at most C at a time (`ceil(N/C)·L` without jitter), while the one
    /// thread computes every item's CPU work alone, none before the first fetch returns.
    /// Over http a fetch also pays the round trip, and a pool smaller than C is the limit.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        workload.overlappedBound(slots: slots, threads: 1, costs: costs)
    }

    /// The most fetches that can overlap: C, or the pool's connections if fewer over http.
    var slots: Int { workload.transport == .http ? min(concurrency, connections) : concurrency }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        let loop = context.eventLoop(for: workload)
        let checksum = try await withTaskExecutorPreference(loop) {
            switch dispatch {
            case .window: try await runWindow(context, on: loop)
            case .batches: try await runBatches(context, on: loop)
            }
        }
        return ScenarioOutcome(checksum: checksum.value, counters: [Metric.calls.name: Double(workload.tasks)])
    }

    /// A sliding window: N tasks, a semaphore of C permits around each fetch (none when C ≥ N,
    /// where it could never make a task wait). A discarding group (no result kept per child)
    /// with an atomic checksum keeps the loop thread's work per item small.
    private func runWindow(_ context: ScenarioContext, on loop: any TaskExecutor) async throws -> Checksum {
        let limiter = concurrency < workload.tasks ? AsyncSemaphore(permits: concurrency) : nil
        let workload = self.workload
        let connections = self.connections
        let total = AtomicChecksum()
        try await withThrowingDiscardingTaskGroup { group in
            for item in 0..<workload.tasks {
                group.addTask(executorPreference: loop) {
                    if let limiter {
                        _ = try await context.withPermit(limiter, item: item) {
                            try await workload.fetch(item: item, in: context, connections: connections)
                        }
                    } else {
                        try await workload.fetch(item: item, in: context, connections: connections)
                    }
                    total.add(item: item, hash: context.compute(workload, item: item))
                }
            }
        }
        return total.checksum
    }

    /// Fixed batches of C: each batch is gathered whole before the next one starts.
    private func runBatches(_ context: ScenarioContext, on loop: any TaskExecutor) async throws -> Checksum {
        var checksum = Checksum()
        let workload = self.workload
        let connections = self.connections
        for start in stride(from: 0, to: workload.tasks, by: concurrency) {
            let batch = start..<min(start + concurrency, workload.tasks)
            let results = try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
                for item in batch {
                    group.addTask(executorPreference: loop) {
                        try await workload.fetch(item: item, in: context, connections: connections)
                        return (item, context.compute(workload, item: item))
                    }
                }
                var results: [(Int, UInt64)] = []
                for try await result in group { results.append(result) }
                return results
            }
            for (item, hash) in results { checksum.add(item: item, hash: hash) }
        }
        return checksum
    }
}

/// How the concurrent scenario keeps C calls in flight (`dispatch`).
public enum DispatchMode: String, ParameterChoice {
    /// A semaphore of C permits: a new call starts as soon as any finishes.
    case window
    /// C calls at a time, each batch waiting for its slowest call before the next starts.
    case batches
}
