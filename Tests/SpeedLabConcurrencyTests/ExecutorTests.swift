import Dispatch
import Foundation
import Testing

@testable import SpeedLabConcurrency

@Suite struct SingleThreadExecutorTests {
    @Test(.timeLimit(.minutes(10)))
    func hundredTasksNeverOverlapAndAllRunOnTheLoopThread() async throws {
        let loop = SingleThreadExecutor()
        defer { loop.shutdown() }
        let probe = ConcurrencyProbe()
        let threadNames = Recorder<String>()
        let threadIDs = Recorder<ObjectIdentifier>()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask(executorPreference: loop) {
                    for _ in 0..<3 {
                        probe.enter()
                        threadNames.append(ExecutorThread.currentName ?? "unnamed")
                        threadIDs.append(currentThreadID())
                        spin(iterations: 20_000)  // long enough that parallel runs would overlap
                        probe.leave()
                        await Task.yield()
                    }
                }
            }
        }
        #expect(probe.maximum == 1)
        #expect(threadNames.elements.count == 300)
        #expect(Set(threadNames.elements) == ["speedlab-event-loop"])
        #expect(Set(threadIDs.elements).count == 1)
        #expect(loop.completedJobCount >= 300)
    }

    @Test(.timeLimit(.minutes(10)))
    func taskExecutorPreferenceRunsTheBodyOnTheLoop() async throws {
        let loop = SingleThreadExecutor(name: "preference-loop")
        defer { loop.shutdown() }
        #expect(!loop.isCurrentThread)
        let onLoop = await withTaskExecutorPreference(loop) {
            await Task.yield()
            return loop.isCurrentThread && ExecutorThread.currentName == "preference-loop"
        }
        #expect(onLoop)
    }

    @Test(.timeLimit(.minutes(10)))
    func shutdownRunsQueuedJobsThenJoinsAndLaterJobsStillRun() async throws {
        let loop = SingleThreadExecutor()
        let ran = Recorder<Int>()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask(executorPreference: loop) { ran.append(index) }
            }
        }
        loop.shutdown()
        loop.shutdown()  // idempotent
        #expect(ran.elements.count == 20)
        // After shutdown the preference cannot be honoured; the job runs on the global executor.
        let afterShutdown = await withTaskExecutorPreference(loop) { loop.isCurrentThread }
        #expect(!afterShutdown)
    }
}

@Suite struct ThreadPoolExecutorTests {
    @Test(.timeLimit(.minutes(10)))
    func twoWorkerPoolRunsJobsOnTwoDistinctThreads() async throws {
        let pool = ThreadPoolExecutor(threads: 2)
        defer { pool.shutdown() }
        #expect(pool.threadNames == ["speedlab-cpu-1", "speedlab-cpu-2"])
        // Each job blocks until the other has started: only two threads at once can finish.
        let bothStarted = DispatchGroup()
        bothStarted.enter()
        bothStarted.enter()
        let names = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<2 {
                group.addTask(executorPreference: pool) {
                    bothStarted.leave()
                    guard bothStarted.wait(timeout: .now() + 20) == .success else { return nil }
                    return pool.isCurrentThreadInPool ? ExecutorThread.currentName : nil
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(names) == ["speedlab-cpu-1", "speedlab-cpu-2"])
    }

    @Test(.timeLimit(.minutes(10)))
    func poolRunsAllJobsAndShutdownJoinsItsThreads() async throws {
        let pool = ThreadPoolExecutor(threads: 3, namePrefix: "test-pool")
        let total = await withTaskGroup(of: Int.self) { group in
            for index in 1...200 {
                group.addTask(executorPreference: pool) {
                    pool.isCurrentThreadInPool ? index : 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(total == 200 * 201 / 2)
        let jobsBefore = pool.completedJobCount
        pool.shutdown()
        #expect(jobsBefore >= 200)
        #expect(pool.completedJobCount == jobsBefore)
    }
}

/// Busy work the optimiser cannot drop.
private func spin(iterations: Int) {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in 0..<iterations {
        state = (state ^ UInt64(truncatingIfNeeded: index)) &* 0x100_0000_01b3
    }
    if state == 42 { print("unreachable") }
}

/// The calling thread's identity (`Thread.current` may not be read in async code directly).
private func currentThreadID() -> ObjectIdentifier {
    ObjectIdentifier(Thread.current)
}
