import Dispatch
import Foundation
import Synchronization

/// Dedicated, named threads that run executor jobs FIFO from one shared queue.
///
/// The engine behind `SingleThreadExecutor` (one thread) and `ThreadPoolExecutor` (W
/// threads). The queue is a `Mutex`-protected array; a counting `DispatchSemaphore` wakes
/// one sleeping thread per enqueued job, so no condition variable and no unchecked state is
/// needed. `shutdown()` lets the threads drain every job queued before it, then joins them.
final class WorkerThreads: Sendable {
    private struct Queue {
        var jobs = FIFOBuffer<UnownedJob>()
        var isShutDown = false
        var workerIDs: Set<ObjectIdentifier> = []
    }

    let threadNames: [String]
    private let queue = Mutex(Queue())
    private let wakeups = DispatchSemaphore(value: 0)
    private let running = DispatchGroup()
    private let jobsRun = Atomic<Int>(0)

    init(threadNames: [String]) {
        precondition(!threadNames.isEmpty, "an executor needs at least one thread")
        self.threadNames = threadNames
    }

    /// Starts the threads; `executor` is what the jobs see as their current task executor.
    func start(executor: UnownedTaskExecutor) {
        for name in threadNames {
            running.enter()
            let thread = Thread { [self] in
                // Named from inside: on Linux a name set before `start()` does not reach the
                // kernel thread, which otherwise inherits its creator's name.
                ExecutorThread.nameCurrentThread(name)
                let current = ObjectIdentifier(Thread.current)
                queue.withLock { _ = $0.workerIDs.insert(current) }
                work(executor: executor)
                running.leave()
            }
            thread.start()
        }
    }

    /// Queues `job`; returns false (and leaves it to the caller) once shut down.
    func enqueue(_ job: UnownedJob) -> Bool {
        let accepted = queue.withLock { queue in
            guard !queue.isShutDown else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted { wakeups.signal() }
        return accepted
    }

    /// Jobs the threads have run so far.
    var completedJobCount: Int { jobsRun.load(ordering: .relaxed) }

    /// Whether the calling thread is one of these threads.
    var isCurrentThreadAWorker: Bool {
        let current = ObjectIdentifier(Thread.current)
        return queue.withLock { $0.workerIDs.contains(current) }
    }

    /// Stops accepting jobs, lets the threads drain the queue, and waits until they exit.
    ///
    /// Called on one of its own threads it cannot join itself: it only tells the threads to
    /// stop after draining and returns.
    func shutdown() {
        let firstCall = queue.withLock { queue in
            defer { queue.isShutDown = true }
            return !queue.isShutDown
        }
        if firstCall {
            for _ in threadNames { wakeups.signal() }
        }
        if !isCurrentThreadAWorker {
            running.wait()
        }
    }

    private func work(executor: UnownedTaskExecutor) {
        while true {
            wakeups.wait()
            // Each wake-up is either one queued job or one stop signal; a thread that finds
            // the queue empty has consumed a stop signal, and nothing can be queued any more.
            guard let job = queue.withLock({ $0.jobs.popFirst() }) else { return }
            job.runSynchronously(on: executor)
            jobsRun.add(1, ordering: .relaxed)
        }
    }
}
