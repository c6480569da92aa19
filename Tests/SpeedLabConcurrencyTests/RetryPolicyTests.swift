import Clocks
import Synchronization
import Testing

@testable import SpeedLabConcurrency

@Suite struct RetryPolicyTests {
    struct Flaky: Error {}
    struct Fatal: Error {}

    @Test func backoffFollowsTheExponentialFormulaWithJitter() {
        let policy = RetryPolicy(
            attempts: 5, baseBackoff: .milliseconds(10), jitterFraction: 0.5, jitterDraw: { _ in 0.5 })
        // 10 ms · 2^(a−1) · (1 + 0.5 · 0.5)
        #expect(policy.backoff(afterAttempt: 1) == .microseconds(12_500))
        #expect(policy.backoff(afterAttempt: 2) == .microseconds(25_000))
        #expect(policy.backoff(afterAttempt: 3) == .microseconds(50_000))
        let noJitter = RetryPolicy(baseBackoff: .milliseconds(10), jitterFraction: 0.5, jitterDraw: { _ in 0 })
        #expect(noJitter.backoff(afterAttempt: 4) == .milliseconds(80))
    }

    @Test(.timeLimit(.minutes(10)))
    func failsTwiceThenSucceedsAfterThreeAttemptsAndTheFormulaBackoff() async throws {
        let clock = TestClock()
        let policy = RetryPolicy(
            attempts: 5, baseBackoff: .milliseconds(100), jitterFraction: 0.5, jitterDraw: { _ in 0.5 })
        let calls = Recorder<Int>()
        let result = await runOnTestClock(clock) {
            try await policy.run(clock: clock) { attempt in
                calls.append(attempt)
                if attempt < 3 { throw Flaky() }
                return "ok"
            }
        }
        let outcome = try result.get()
        #expect(outcome.value == "ok")
        #expect(outcome.attempts == 3)
        #expect(outcome.retries == 2)
        #expect(calls.elements == [1, 2, 3])
        // 100 ms · 1 · 1.25 + 100 ms · 2 · 1.25
        let expected = Duration.milliseconds(125) + .milliseconds(250)
        #expect(outcome.totalBackoff == expected)
        #expect(clock.elapsed == expected)
    }

    @Test(.timeLimit(.minutes(10)))
    func jitterDrawIsAskedForEachFailedAttempt() async throws {
        let clock = TestClock()
        let draws = Recorder<Int>()
        let policy = RetryPolicy(
            attempts: 3, baseBackoff: .seconds(1), jitterFraction: 1,
            jitterDraw: { attempt in
                draws.append(attempt)
                return attempt == 1 ? 0 : 0.25
            })
        let result = await runOnTestClock(clock) {
            try await policy.run(clock: clock) { _ in throw Flaky() }
        }
        #expect(throws: RetryFailure.self) { try result.get() }
        #expect(draws.elements == [1, 2])
        #expect(clock.elapsed == .seconds(1) + .milliseconds(2_500))
    }

    @Test(.timeLimit(.minutes(10)))
    func nonRetryableErrorStopsAtOnce() async throws {
        let clock = TestClock()
        let policy = RetryPolicy(attempts: 5, isRetryable: { !($0 is Fatal) })
        let result = await runOnTestClock(clock) {
            try await policy.run(clock: clock) { _ -> Int in throw Fatal() }
        }
        let failure = try #require(throws: RetryFailure.self) { try result.get() }
        #expect(failure.attempts == 1)
        #expect(failure.reason == .notRetryable)
        #expect(failure.lastError is Fatal)
        #expect(clock.elapsed == .zero)
    }

    @Test(.timeLimit(.minutes(10)))
    func exhaustedAttemptsReportTheCountAndLastError() async throws {
        let clock = TestClock()
        let policy = RetryPolicy(attempts: 4, baseBackoff: .milliseconds(10), jitterDraw: { _ in 0 })
        let result = await runOnTestClock(clock) {
            try await policy.run(clock: clock) { _ -> Int in throw Flaky() }
        }
        let failure = try #require(throws: RetryFailure.self) { try result.get() }
        #expect(failure.attempts == 4)
        #expect(failure.retries == 3)
        #expect(failure.reason == .exhausted)
        #expect(failure.lastError is Flaky)
        #expect(failure.totalBackoff == .milliseconds(10 + 20 + 40))
    }

    @Test(.timeLimit(.minutes(10)))
    func cancellationIsNotRetriedNorWrapped() async throws {
        let clock = TestClock()
        let calls = Atomic<Int>(0)
        let result = await runOnTestClock(clock) {
            try await RetryPolicy(attempts: 5).run(clock: clock) { _ -> Int in
                calls.add(1, ordering: .relaxed)
                throw CancellationError()
            }
        }
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(calls.load(ordering: .relaxed) == 1)
    }
}
