import Testing

@testable import SpeedLabConcurrency

@Suite struct AsyncSemaphoreTests {
    @Test(.timeLimit(.minutes(10)))
    func waitersAreServedInArrivalOrder() async throws {
        let semaphore = AsyncSemaphore(permits: 0)
        let order = Recorder<Int>()
        var tasks: [Task<Void, any Error>] = []
        for index in 0..<20 {
            tasks.append(
                Task {
                    try await semaphore.wait()
                    order.append(index)
                    semaphore.signal()  // hand the permit to the next waiter
                })
            let queued = await eventually { semaphore.waitingCount == index + 1 }
            try #require(queued)
        }
        semaphore.signal()
        for task in tasks { try await task.value }
        #expect(order.elements == Array(0..<20))
        #expect(semaphore.availablePermits == 1)
    }

    @Test(.timeLimit(.minutes(10)))
    func neverMoreHoldersThanPermits() async throws {
        let semaphore = AsyncSemaphore(permits: 3)
        let probe = ConcurrencyProbe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<500 {
                group.addTask {
                    try await semaphore.withPermit {
                        probe.enter()
                        await Task.yield()
                        await Task.yield()
                        probe.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(probe.maximum <= 3)
        #expect(probe.maximum >= 1)
        #expect(semaphore.availablePermits == 3)
        #expect(semaphore.waitingCount == 0)
    }

    @Test(.timeLimit(.minutes(10)))
    func cancelledQueuedWaiterLeavesTheQueueWithoutLosingAPermit() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.wait()  // the test holds the only permit
        let acquired = Recorder<String>()
        func waiter(_ name: String) -> Task<Void, any Error> {
            Task {
                try await semaphore.wait()
                acquired.append(name)
                semaphore.signal()
            }
        }
        let first = waiter("first")
        try #require(await eventually { semaphore.waitingCount == 1 })
        let cancelled = waiter("cancelled")
        try #require(await eventually { semaphore.waitingCount == 2 })
        let last = waiter("last")
        try #require(await eventually { semaphore.waitingCount == 3 })

        cancelled.cancel()
        // Checked before awaiting the task, so that a waiter stuck in the queue fails the test
        // instead of hanging it.
        try #require(await eventually { semaphore.waitingCount == 2 })
        await #expect(throws: CancellationError.self) { try await cancelled.value }

        semaphore.signal()
        try await first.value
        try await last.value
        #expect(acquired.elements == ["first", "last"])
        #expect(semaphore.availablePermits == 1)
        #expect(semaphore.waitingCount == 0)
    }

    @Test(.timeLimit(.minutes(10)))
    func alreadyCancelledTaskThrowsAndKeepsThePermitFree() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await semaphore.wait()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(semaphore.availablePermits == 1)
    }

    @Test(.timeLimit(.minutes(10)))
    func cancellationRacingWithSignalsNeverLeaksAPermit() async throws {
        let semaphore = AsyncSemaphore(permits: 2)
        let probe = ConcurrencyProbe()
        var tasks: [Task<Void, any Error>] = []
        for _ in 0..<400 {
            tasks.append(
                Task {
                    try await semaphore.withPermit {
                        probe.enter()
                        await Task.yield()
                        probe.leave()
                    }
                })
        }
        for (index, task) in tasks.enumerated() where index % 2 == 1 {
            task.cancel()
            if index % 10 == 1 { await Task.yield() }
        }
        for task in tasks { _ = await task.result }
        #expect(probe.maximum <= 2)
        #expect(semaphore.availablePermits == 2)
        #expect(semaphore.waitingCount == 0)
    }

    @Test(.timeLimit(.minutes(10)))
    func withPermitReturnsThePermitWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        let semaphore = AsyncSemaphore(permits: 1)
        await #expect(throws: Boom.self) {
            try await semaphore.withPermit { throw Boom() }
        }
        #expect(semaphore.availablePermits == 1)
    }

    /// Behaviour only (every task passes, every permit comes back); its speed, about 30 ms here,
    /// is for benchmarks: on a loaded machine a test's wall time says nothing.
    @Test(.timeLimit(.minutes(10)))
    func tenThousandTasksPassAThousandPermitsAndReturnThemAll() async throws {
        let semaphore = AsyncSemaphore(permits: 1_000)
        let passed = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10_000 {
                group.addTask {
                    try await semaphore.withPermit { await Task.yield() }
                    return 1
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(passed == 10_000)
        #expect(semaphore.availablePermits == 1_000)
    }
}
