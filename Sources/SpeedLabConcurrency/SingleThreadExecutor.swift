import Foundation

/// An event loop: one dedicated thread that runs every job given to it, one at a time, FIFO.
///
/// Use it as a task executor preference (`withTaskExecutorPreference(loop)` or
/// `group.addTask(executorPreference: loop)`) to run many tasks concurrently on one thread,
/// the way asyncio or an event loop does: they interleave at suspension points but never run
/// in parallel. Call `shutdown()` when done: it runs the jobs already queued, then joins the
/// thread. Jobs that arrive after shutdown (a task that resumes later) are handed to the
/// global concurrent executor, so no task is ever stranded.
public final class SingleThreadExecutor: TaskExecutor {
    private let worker: WorkerThreads

    /// Starts the thread, named `name` (visible as `Thread.current.name` inside jobs).
    public init(name: String = "speedlab-event-loop") {
        worker = WorkerThreads(threadNames: [name])
        worker.start(executor: asUnownedTaskExecutor())
    }

    /// The thread's name.
    public var threadName: String { worker.threadNames[0] }

    /// Whether the caller runs on this executor's thread.
    public var isCurrentThread: Bool { worker.isCurrentThreadAWorker }

    /// Jobs run so far (each resumption of a task is one job).
    public var completedJobCount: Int { worker.completedJobCount }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if !worker.enqueue(job) {
            globalConcurrentExecutor.enqueue(job)
        }
    }

    /// Stops taking jobs, runs those already queued, and joins the thread.
    ///
    /// Idempotent. Called from a job on this executor it cannot join its own thread: it then
    /// only asks the thread to stop after the queue is drained.
    public func shutdown() {
        worker.shutdown()
    }
}
