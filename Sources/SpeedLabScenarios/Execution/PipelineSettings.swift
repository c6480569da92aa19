import SpeedLabCore

/// The strategy of the scenarios that overlap I/O and CPU (`hybrid`, `agent`): at most
/// `concurrency` calls in flight, `workers` threads for CPU work, and where that work runs
/// (`cpu_pool`). Read and checked once from a point.
public struct PipelineSettings: Sendable {
    /// The parameters it reads.
    public static let parameters = [ParameterCatalog.concurrency, ParameterCatalog.workers, ParameterCatalog.cpuPool]

    public let concurrency: Int
    public let workers: Int
    public let cpuPool: CPUPool

    public init(point: ParameterPoint, scenario: String) throws(ScenarioError) {
        concurrency = try point.integer(ParameterCatalog.concurrency, for: scenario)
        workers = try point.integer(ParameterCatalog.workers, for: scenario)
        cpuPool = try point.choice(ParameterCatalog.cpuPool, for: scenario)
    }

    /// Where this run's CPU work goes, on the executors of `context` (its I/O tasks on the
    /// event loop of `workload`'s transport).
    public func placement(for workload: Workload, in context: ScenarioContext) -> CPUPlacement {
        CPUPlacement(cpuPool: cpuPool, workers: workers, workload: workload, context: context)
    }
}
