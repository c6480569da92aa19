#if HTTPTransport
    import NIOCore
    import Synchronization

    /// A SwiftNIO event loop as a task executor: the lean client's loop, on which scenarios
    /// over http run their I/O tasks, so the thread that reads an answer is the thread its
    /// waiting task resumes on (a job enqueued from the loop itself costs no wake-up).
    ///
    /// Jobs wait in a queue of their own, drained on the loop by one loop task made once:
    /// enqueueing a job allocates nothing, where a closure per job handed to the loop cost an
    /// allocation at every start and every resumption of a task. The loop gets one task per
    /// batch, run in order; jobs enqueued while a batch runs wait for the next one, so the
    /// loop's I/O and timers still come between batches.
    ///
    /// Once the client closes, jobs go to the global concurrent executor instead, so a task
    /// that resumes after the loop stopped is never stranded.
    final class EventLoopTaskExecutor: TaskExecutor {
        private let loop: any EventLoop
        private let queue: JobQueue
        /// `queue.drain()`, made once and handed to the loop for every batch.
        private let drain: @Sendable () -> Void

        init(loop: any EventLoop) {
            self.loop = loop
            let queue = JobQueue()
            self.queue = queue
            drain = { queue.drain() }
            queue.runJobs(on: asUnownedTaskExecutor())
        }

        func enqueue(_ job: consuming ExecutorJob) {
            switch queue.add(UnownedJob(job)) {
            case .queued: break
            case .queuedFirst: loop.execute(drain)
            case .closed(let job): globalConcurrentExecutor.enqueue(job)
            }
        }

        /// From now on, jobs run on the global concurrent executor (before the loop shuts down).
        func close() {
            queue.close()
        }
    }

    /// The jobs of an ``EventLoopTaskExecutor`` waiting for the loop, first in first out.
    private final class JobQueue: Sendable {
        private struct State {
            var jobs = CircularBuffer<UnownedJob>(initialCapacity: 256)
            /// A drain is on its way to the loop: a new job needs no other.
            var drainScheduled = false
            var closed = false
            var executor: UnownedTaskExecutor?
        }

        enum Added {
            case queued
            /// The first job since the last drain: the loop must be asked to drain.
            case queuedFirst
            /// The executor closed: the job runs elsewhere.
            case closed(UnownedJob)
        }

        private let state = Mutex(State())

        /// The executor the jobs run on (set once, before any job).
        func runJobs(on executor: UnownedTaskExecutor) {
            state.withLock { $0.executor = executor }
        }

        func add(_ job: UnownedJob) -> Added {
            state.withLock { state in
                if state.closed { return .closed(job) }
                state.jobs.append(job)
                if state.drainScheduled { return .queued }
                state.drainScheduled = true
                return .queuedFirst
            }
        }

        /// Runs the jobs waiting now, in order, on the loop. Jobs added meanwhile ask for
        /// the next drain.
        func drain() {
            let (count, executor) = state.withLock { state in
                state.drainScheduled = false
                return (state.jobs.count, state.executor)
            }
            guard let executor else { return }
            for _ in 0..<count {
                guard let job = state.withLock({ $0.jobs.popFirst() }) else { return }
                job.runSynchronously(on: executor)
            }
        }

        /// Refuses new jobs, and hands those still waiting to the global concurrent executor:
        /// a drain that comes later finds none, and none waits on a loop that may be stopping.
        func close() {
            let waiting = state.withLock { state in
                state.closed = true
                defer { state.jobs.removeAll() }
                return Array(state.jobs)
            }
            for job in waiting { globalConcurrentExecutor.enqueue(job) }
        }
    }
#endif
