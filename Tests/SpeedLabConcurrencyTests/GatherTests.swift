import Testing

@testable import SpeedLabConcurrency

@Suite struct GatherTests {
    struct Failed: Error, Equatable { let index: Int }

    @Test(.timeLimit(.minutes(10)))
    func gatherResultsKeepsOrderAndPartialFailures() async throws {
        let results = await gatherResults(count: 6) { index -> Int in
            // Later indices finish first, so order must come from the index, not completion.
            for _ in 0..<(6 - index) { await Task.yield() }
            if index % 3 == 1 { throw Failed(index: index) }
            return index * 10
        }
        #expect(results.count == 6)
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let value):
                #expect(index % 3 != 1)
                #expect(value == index * 10)
            case .failure(let error):
                #expect(index % 3 == 1)
                #expect(error as? Failed == Failed(index: index))
            }
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func gatherResultsOfClosuresRunsThemAll() async throws {
        let operations: [@Sendable () async throws -> String] = [
            { "a" }, { throw Failed(index: 1) }, { "c" },
        ]
        let results = await gatherResults(operations)
        #expect(try results[0].get() == "a")
        #expect(throws: Failed(index: 1)) { try results[1].get() }
        #expect(try results[2].get() == "c")
    }

    @Test(.timeLimit(.minutes(10)))
    func failFastReturnsValuesInOrderWhenAllSucceed() async throws {
        let values = try await gatherFailFast(count: 5) { index in
            await Task.yield()
            return index * index
        }
        #expect(values == [0, 1, 4, 9, 16])
    }

    @Test(.timeLimit(.minutes(10)))
    func failFastCancelsSiblingsAndReportsTheFirstRealError() async throws {
        let cancelledSiblings = Recorder<Int>()
        let waiting = AsyncSemaphore(permits: 0)
        await #expect(throws: Failed(index: 2)) {
            try await gatherFailFast(count: 5) { index -> Int in
                if index == 2 {
                    // Fail only once every sibling is parked, so all of them see the cancellation.
                    while waiting.waitingCount < 4 { await Task.yield() }
                    throw Failed(index: 2)
                }
                do {
                    // Never signalled: only cancellation ends it early (the real-time limit
                    // keeps a group that fails to cancel from hanging the test).
                    try await withTimeout(.seconds(20), clock: ContinuousClock()) {
                        try await waiting.wait()
                    }
                } catch is CancellationError {
                    cancelledSiblings.append(index)
                    throw CancellationError()
                }
                return index
            }
        }
        #expect(cancelledSiblings.elements.sorted() == [0, 1, 3, 4])
        #expect(waiting.waitingCount == 0)
    }

    @Test(.timeLimit(.minutes(10)))
    func failFastRunsChildrenOnThePreferredExecutor() async throws {
        let loop = SingleThreadExecutor(name: "gather-loop")
        defer { loop.shutdown() }
        let onLoop = try await gatherFailFast(count: 4, executorPreference: loop) { _ in
            loop.isCurrentThread
        }
        #expect(onLoop == [true, true, true, true])
    }
}
