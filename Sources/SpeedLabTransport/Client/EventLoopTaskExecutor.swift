#if HTTPTransport
    import NIOCore
    import Synchronization

    /// A SwiftNIO event loop as a task executor: the lean client's loop, on which scenarios
    /// over http run their I/O tasks, so the thread that reads an answer is the thread its
    /// waiting task resumes on (a job enqueued from the loop itself costs no wake-up).
    ///
    /// Once the client closes, jobs go to the global concurrent executor instead, so a task
    /// that resumes after the loop stopped is never stranded.
    final class EventLoopTaskExecutor: TaskExecutor {
        private let loop: any EventLoop
        private let closed = Atomic<Bool>(false)

        init(loop: any EventLoop) {
            self.loop = loop
        }

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            guard !closed.load(ordering: .acquiring) else {
                globalConcurrentExecutor.enqueue(job)
                return
            }
            let executor = asUnownedTaskExecutor()
            loop.execute { job.runSynchronously(on: executor) }
        }

        /// From now on, jobs run on the global concurrent executor (before the loop shuts down).
        func close() {
            closed.store(true, ordering: .releasing)
        }
    }
#endif
