import SpeedLabConcurrency
import Synchronization

/// The executors scenarios run on, made once per process and reused by every sample: the
/// single-thread event loop and one CPU pool per worker count.
///
/// Creating threads inside a measured sample would add their start-up to its wall time;
/// idle threads here wait on a semaphore and cost nothing.
public final class ExecutorCache: Sendable {
    private struct Pools {
        var eventLoop: SingleThreadExecutor?
        var cpuPools: [Int: ThreadPoolExecutor] = [:]
    }

    private let pools = Mutex(Pools())

    /// The process-wide cache.
    public static let shared = ExecutorCache()

    public init() {}

    /// The one-thread "event loop" executor.
    public var eventLoop: SingleThreadExecutor {
        pools.withLock { pools in
            if let loop = pools.eventLoop { return loop }
            let loop = SingleThreadExecutor(name: "speedlab-event-loop")
            pools.eventLoop = loop
            return loop
        }
    }

    /// A dedicated pool of `workers` threads.
    public func cpuPool(workers: Int) -> ThreadPoolExecutor {
        pools.withLock { pools in
            if let pool = pools.cpuPools[workers] { return pool }
            let pool = ThreadPoolExecutor(threads: workers, namePrefix: "speedlab-cpu\(workers)")
            pools.cpuPools[workers] = pool
            return pool
        }
    }

    /// Stops every thread (after the jobs already queued); for tests that make their own cache.
    public func shutdown() {
        let all = pools.withLock { pools in
            defer { pools = Pools() }
            return (pools.eventLoop, Array(pools.cpuPools.values))
        }
        all.0?.shutdown()
        for pool in all.1 { pool.shutdown() }
    }
}
