import SpeedLabConcurrency
import SpeedLabCore

/// Items spread over a pool of W threads; each worker processes its share one item at a
/// time (fetch, then compute), like a process pool.
///
/// Shows that parallelism is several cores: CPU work scales up to the core count, and I/O
/// overlaps only W ways. Baseline: ``SequentialScenario``.
public struct ParallelScenario: Scenario {
    public static let name = "parallel"
    public static let summary =
        "items split over a pool of W threads, each worker sequential — CPU scales up to the core count"
    public static let parameters = ParameterCatalog.workload + [ParameterCatalog.workers, ParameterCatalog.connections]

    public let workload: Workload
    public let workers: Int
    /// The http client's pool size (default: one per worker that has items).
    public let connections: Int

    public init(point: ParameterPoint) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: Self.name)
        workers = try point.integer(ParameterCatalog.workers, for: Self.name)
        connections = try point.connections(for: Self.name, automatic: min(workers, workload.tasks))
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? {
        BaselineReference(scenario: SequentialScenario.name, point: Workload.point(of: point))
    }

    /// Worker `w` takes items `w, w+W, w+2W, …` (striped, so shares differ by one item at most).
    func share(of worker: Int) -> StrideTo<Int> {
        stride(from: worker, to: workload.tasks, by: workers)
    }

    /// Lower bound `max(max_w Σ_{i ∈ share w} (latency_i + c), N·c / min(W, cores))`: a worker
    /// never overlaps its own waits and computations, and the CPU work cannot use more cores
    /// than there are threads or cores.
    /// The I/O term is the longest share's waiting; the CPU term the larger of the longest
    /// share's computing and the pool's.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        let shares = (0..<min(workers, workload.tasks)).map { worker in
            share(of: worker).reduce((io: 0.0, cpu: 0.0)) {
                ($0.io + workload.fetchNanos(item: $1, costs: costs), $0.cpu + costs.cpuNanosPerItem)
            }
        }
        let pool = LatencyBounds.cpu(
            items: workload.tasks, cpuPerItem: costs.cpuNanosPerItem, threads: workers, cores: costs.cores)
        return IdealTime(
            ioNanos: shares.map(\.io).max() ?? 0,
            cpuNanos: max(shares.map(\.cpu).max() ?? 0, pool),
            nanos: max(shares.map { $0.io + $0.cpu }.max() ?? 0, pool))
    }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        let pool = context.executors.cpuPool(workers: workers)
        let total = try await withThrowingTaskGroup(of: Checksum.self) { group in
            for worker in 0..<min(workers, workload.tasks) {
                let items = share(of: worker)
                let workload = self.workload
                let connections = self.connections
                group.addTask(executorPreference: pool) {
                    var checksum = Checksum()
                    for item in items {
                        try await workload.fetch(item: item, in: context, connections: connections)
                        checksum.add(item: item, hash: context.compute(workload, item: item))
                    }
                    return checksum
                }
            }
            return try await group.reduce(into: Checksum()) { $0.merge($1) }
        }
        return ScenarioOutcome(checksum: total.value, counters: [Metric.calls.name: Double(workload.tasks)])
    }
}
