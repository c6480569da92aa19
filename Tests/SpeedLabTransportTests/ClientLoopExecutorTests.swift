#if HTTPTransport
    import Foundation
    import NIOCore
    import NIOPosix
    import Synchronization
    import Testing

    @testable import SpeedLabTransport

    /// The lean client's event loop as a task executor: its own queue of jobs, drained by the
    /// loop in batches. These pin that every job runs on the loop, first in first out, exactly
    /// once, and that none is stranded when the client closes while jobs still wait.
    @Suite struct ClientLoopExecutorTests {
        private final class Count: Sendable {
            private let value = Atomic<Int>(0)
            func add() { value.add(1, ordering: .relaxed) }
            var total: Int { value.load(ordering: .relaxed) }
        }

        private final class Starts: Sendable {
            private let order = Mutex<[Int]>([])
            func append(_ index: Int) { order.withLock { $0.append(index) } }
            var all: [Int] { order.withLock { $0 } }
        }

        @Test(.timeLimit(.minutes(1)))
        func tasksStartOnTheLoopInTheOrderTheyWereEnqueued() async throws {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let loop = group.next()
            let executor = EventLoopTaskExecutor(loop: loop)
            let started = Starts()
            let onLoop = Count()
            await withTaskGroup { tasks in
                for index in 0..<2_000 {
                    tasks.addTask(executorPreference: executor) {
                        started.append(index)
                        if loop.inEventLoop { onLoop.add() }
                        await Task.yield()  // a resumption goes through the queue too
                        if loop.inEventLoop { onLoop.add() }
                    }
                }
            }
            #expect(started.all == Array(0..<2_000))
            #expect(onLoop.total == 4_000)
            executor.close()
            try await group.shutdownGracefully()
        }

        @Test(.timeLimit(.minutes(1)))
        func jobsStillWaitingWhenTheClientClosesRunOnceElsewhere() async throws {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let loop = group.next()
            let executor = EventLoopTaskExecutor(loop: loop)
            // Keep the loop busy, so the tasks below wait in the executor's queue.
            let release = DispatchSemaphore(value: 0)
            loop.execute { release.wait() }
            let runs = Count()
            let offLoop = Count()
            let tasks = (0..<100).map { _ in
                Task(executorPreference: executor) {
                    runs.add()
                    if !loop.inEventLoop { offLoop.add() }
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            #expect(runs.total == 0)
            executor.close()
            for task in tasks { await task.value }  // the loop is still blocked: they ran elsewhere
            #expect(runs.total == 100)
            #expect(offLoop.total == 100)
            release.signal()
            try await loop.submit {}.get()  // the drain the loop still held finds nothing to run
            #expect(runs.total == 100)
            try await group.shutdownGracefully()
        }
    }
#endif
