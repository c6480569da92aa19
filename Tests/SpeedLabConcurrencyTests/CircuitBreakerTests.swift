import Clocks
import Synchronization
import Testing

@testable import SpeedLabConcurrency

@Suite struct CircuitBreakerTests {
    struct ServiceDown: Error {}

    private func makeBreaker(_ clock: TestClock<Duration>) -> CircuitBreaker<TestClock<Duration>> {
        CircuitBreaker(name: "llm", failureThreshold: 3, coolDown: .seconds(5), clock: clock)
    }

    private func fail(_ breaker: CircuitBreaker<TestClock<Duration>>) async {
        _ = try? await breaker.run { () throws -> Int in throw ServiceDown() }
    }

    @Test(.timeLimit(.minutes(10)))
    func consecutiveFailuresOpenTheCircuit() async throws {
        let breaker = makeBreaker(TestClock())
        await fail(breaker)
        await fail(breaker)
        #expect(breaker.state == .closed)
        await fail(breaker)
        #expect(breaker.state == .open)
        #expect(breaker.statistics.opened == 1)
        #expect(breaker.statistics.failures == 3)
    }

    @Test(.timeLimit(.minutes(10)))
    func successResetsTheConsecutiveFailureCount() async throws {
        let breaker = makeBreaker(TestClock())
        await fail(breaker)
        await fail(breaker)
        _ = try await breaker.run { 1 }
        await fail(breaker)
        await fail(breaker)
        #expect(breaker.state == .closed)
    }

    @Test(.timeLimit(.minutes(10)))
    func openCircuitRejectsFastWithoutCallingAndCountsRejections() async throws {
        let clock = TestClock()
        let breaker = makeBreaker(clock)
        for _ in 0..<3 { await fail(breaker) }
        let calls = Atomic<Int>(0)
        for _ in 0..<4 {
            let error = await #expect(throws: CircuitOpenError.self) {
                try await breaker.run { calls.add(1, ordering: .relaxed) }
            }
            #expect(error?.name == "llm")
            #expect(error?.retryAfter == .seconds(5))
        }
        #expect(calls.load(ordering: .relaxed) == 0)
        #expect(breaker.statistics.rejections == 4)
        #expect(clock.elapsed == .zero)
    }

    @Test(.timeLimit(.minutes(10)))
    func coolDownLeadsToHalfOpenAndASuccessCloses() async throws {
        let clock = TestClock()
        let breaker = makeBreaker(clock)
        for _ in 0..<3 { await fail(breaker) }
        await clock.advance(by: .seconds(4))
        #expect(breaker.state == .open)
        await clock.advance(by: .seconds(1))
        #expect(breaker.state == .halfOpen)
        #expect(try await breaker.run { "answer" } == "answer")
        #expect(breaker.state == .closed)
        let stats = breaker.statistics
        #expect(stats.opened == 1)
        #expect(stats.halfOpened == 1)
        #expect(stats.closed == 1)
    }

    @Test(.timeLimit(.minutes(10)))
    func failureInHalfOpenReopensForAnotherCoolDown() async throws {
        let clock = TestClock()
        let breaker = makeBreaker(clock)
        for _ in 0..<3 { await fail(breaker) }
        await clock.advance(by: .seconds(5))
        await fail(breaker)  // the trial call
        #expect(breaker.state == .open)
        await clock.advance(by: .seconds(3))
        await #expect(throws: CircuitOpenError.self) { try await breaker.run { 1 } }
        await clock.advance(by: .seconds(2))
        _ = try await breaker.run { 1 }
        #expect(breaker.state == .closed)
        var expected = CircuitBreakerStatistics()
        expected.opened = 2
        expected.halfOpened = 2
        expected.closed = 1
        expected.rejections = 1
        expected.successes = 1
        expected.failures = 4
        #expect(breaker.statistics == expected)
    }

    @Test(.timeLimit(.minutes(10)))
    func halfOpenLetsOnlyOneTrialCallThrough() async throws {
        let clock = TestClock()
        let breaker = makeBreaker(clock)
        for _ in 0..<3 { await fail(breaker) }
        await clock.advance(by: .seconds(5))
        let trialStarted = Flag()
        let release = AsyncSemaphore(permits: 0)
        let trial = Task {
            try await breaker.run {
                trialStarted.set()
                try await release.wait()
                return 1
            }
        }
        try #require(await eventually { trialStarted.isSet })
        await #expect(throws: CircuitOpenError.self) { try await breaker.run { 2 } }
        release.signal()
        #expect(try await trial.value == 1)
        #expect(breaker.state == .closed)
    }

    @Test(.timeLimit(.minutes(10)))
    func cancellationCountsAsNeitherSuccessNorFailure() async throws {
        let breaker = makeBreaker(TestClock())
        for _ in 0..<5 {
            _ = try? await breaker.run { () throws -> Int in throw CancellationError() }
        }
        #expect(breaker.state == .closed)
        #expect(breaker.statistics.failures == 0)
    }
}
