import SpeedLabConcurrency
import SpeedLabCore

/// Where CPU work runs (`cpu_pool`); see ``CPUPlacement``.
public enum CPUPool: String, ParameterChoice {
    /// A W-thread pool of its own, I/O tasks on the single-thread event loop.
    case dedicated
    /// Swift's shared cooperative pool, at most W computations at once.
    case cooperative
}

/// Where a scenario's CPU work runs, and where its I/O tasks live (`cpu_pool`).
///
/// `dedicated`: I/O tasks on the single-thread event loop, CPU work handed to a W-thread
/// pool, so computations never delay a wake-up. `cooperative`: everything on Swift's shared
/// cooperative pool (the default executor) with at most W computations at once; CPU work
/// then holds the threads that waiting tasks need to resume, and wake lateness shows it.
public struct CPUPlacement: Sendable {
    public let cpuPool: CPUPool
    public let workers: Int
    private let pool: ThreadPoolExecutor?
    private let limiter: AsyncSemaphore?
    /// The executor I/O tasks prefer: the event loop (the http client's own, over http), or
    /// nil for the default executor.
    public let ioExecutor: (any TaskExecutor)?
    /// Where compute and permit spans go when the repetition is traced.
    private let context: ScenarioContext

    public init(cpuPool: CPUPool, workers: Int, workload: Workload, context: ScenarioContext) {
        self.cpuPool = cpuPool
        self.workers = workers
        let isDedicated = cpuPool == .dedicated
        pool = isDedicated ? context.executors.cpuPool(workers: workers) : nil
        ioExecutor = isDedicated ? context.eventLoop(for: workload) : nil
        limiter = isDedicated ? nil : AsyncSemaphore(permits: workers)
        self.context = context
    }

    /// Runs the kernel for `item` where this placement puts CPU work.
    public func compute(_ workload: Workload, item: Int, work: Int? = nil) async throws -> UInt64 {
        let context = self.context
        let units = work ?? workload.work
        if let pool {
            return await withTaskExecutorPreference(pool) {
                context.traceCompute(item: item) { FNV1a.hash(work: units) }
            }
        }
        guard let limiter else { return context.traceCompute(item: item) { FNV1a.hash(work: units) } }
        return try await context.withPermit(limiter, item: item) {
            context.traceCompute(item: item) { FNV1a.hash(work: units) }
        }
    }
}
