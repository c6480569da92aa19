import SpeedLabConcurrency
import SpeedLabCore

/// A pipeline: fetches run concurrently (at most C in flight) and each finished fetch's
/// computation is handed at once to a W-thread CPU pool.
///
/// Shows that combining both patterns overlaps I/O with CPU work on several cores. With
/// `cpu_pool: cooperative` the same pipeline runs on Swift's shared pool, and the wake
/// lateness shows CPU work delaying every waiting task. Baseline: ``SequentialScenario``.
public struct HybridScenario: Scenario {
    public static let name = "hybrid"
    public static let summary =
        "fetches concurrent (≤ C in flight), each computation handed to a W-thread pool — I/O and CPU overlap"
    public static let parameters =
        ParameterCatalog.workload + PipelineSettings.parameters + [ParameterCatalog.connections]

    public let workload: Workload
    public let pipeline: PipelineSettings
    public var concurrency: Int { pipeline.concurrency }
    public var workers: Int { pipeline.workers }
    /// The http client's pool size (default: the calls in flight, `min(C, N)`).
    public let connections: Int

    public init(point: ParameterPoint) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: Self.name)
        pipeline = try PipelineSettings(point: point, scenario: Self.name)
        connections = try point.connections(
            for: Self.name, automatic: min(pipeline.concurrency, workload.tasks))
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? {
        BaselineReference(scenario: SequentialScenario.name, point: Workload.point(of: point))
    }

    /// Lower bound `max(max(Σ latency / C, longest latency), shortest latency + N·c / min(W, cores))`:
    /// fetches overlap C at a time while the CPU work spreads over the pool's threads, none of
    /// it before the first fetch returns.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        let slots = workload.transport == .http ? min(concurrency, connections) : concurrency
        return workload.overlappedBound(slots: slots, threads: workers, costs: costs)
    }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        let placement = pipeline.placement(for: workload, in: context)
        let limiter = AsyncSemaphore(permits: concurrency)
        let workload = self.workload
        let connections = self.connections
        let checksum = try await withTaskExecutorPreference(placement.ioExecutor) {
            try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
                for item in 0..<workload.tasks {
                    group.addTask(executorPreference: placement.ioExecutor) {
                        _ = try await context.withPermit(limiter, item: item) {
                            try await workload.fetch(item: item, in: context, connections: connections)
                        }
                        return (item, try await placement.compute(workload, item: item))
                    }
                }
                var checksum = Checksum()
                for try await (item, hash) in group { checksum.add(item: item, hash: hash) }
                return checksum
            }
        }
        return ScenarioOutcome(checksum: checksum.value, counters: [Metric.calls.name: Double(workload.tasks)])
    }
}
