import Foundation

/// A pool of W dedicated threads sharing one FIFO job queue, for CPU-bound work.
///
/// Use it as a task executor preference for compute-heavy child tasks so they run in parallel
/// on their own threads instead of starving the cooperative pool (where they would delay every
/// waiting task). Threads are named `"\(namePrefix)-1"` … `"\(namePrefix)-W"`. Call
/// `shutdown()` when done: it runs the jobs already queued, then joins every thread. Jobs that
/// arrive after shutdown are handed to the global concurrent executor, so no task is stranded.
public final class ThreadPoolExecutor: TaskExecutor {
    private let workers: WorkerThreads

    /// Starts `threads` threads (at least 1).
    public init(threads: Int, namePrefix: String = "speedlab-cpu") {
        precondition(threads >= 1, "ThreadPoolExecutor needs at least 1 thread, got \(threads)")
        workers = WorkerThreads(threadNames: (1...threads).map { "\(namePrefix)-\($0)" })
        workers.start(executor: asUnownedTaskExecutor())
    }

    /// How many threads the pool runs (W).
    public var threadCount: Int { workers.threadNames.count }

    /// The threads' names, in start order.
    public var threadNames: [String] { workers.threadNames }

    /// Whether the caller runs on one of the pool's threads.
    public var isCurrentThreadInPool: Bool { workers.isCurrentThreadAWorker }

    /// Jobs run so far (each resumption of a task is one job).
    public var completedJobCount: Int { workers.completedJobCount }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if !workers.enqueue(job) {
            globalConcurrentExecutor.enqueue(job)
        }
    }

    /// Stops taking jobs, runs those already queued, and joins every thread.
    ///
    /// Idempotent. Called from a job on this pool it cannot join its own thread: it then only
    /// asks the threads to stop after the queue is drained.
    public func shutdown() {
        workers.shutdown()
    }
}
