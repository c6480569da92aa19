import Clocks
import Testing

@testable import SpeedLabConcurrency

@Suite struct WithTimeoutTests {
    @Test(.timeLimit(.minutes(10)))
    func slowOperationTimesOutAndObservesCancellation() async throws {
        let clock = TestClock()
        let sawCancellation = Flag()
        let neverSignalled = AsyncSemaphore(permits: 0)
        let result = await runOnTestClock(clock) {
            try await withTimeout(.seconds(1), clock: clock) {
                do {
                    // Only cancellation ends this wait (a long sleep on the test clock would
                    // let `run()` finish it normally right after the timeout fired).
                    try await neverSignalled.wait()
                } catch is CancellationError {
                    sawCancellation.set()
                    throw CancellationError()
                }
                return 42
            }
        }
        #expect(throws: TimeoutError(duration: .seconds(1))) { try result.get() }
        #expect(sawCancellation.isSet)
    }

    @Test(.timeLimit(.minutes(10)))
    func fastOperationReturnsItsValue() async throws {
        let clock = TestClock()
        let result = await runOnTestClock(clock) {
            try await withTimeout(.seconds(1), clock: clock) {
                try await clock.sleep(for: .milliseconds(300))
                return 42
            }
        }
        // No virtual-time check here: TestClock.run() may still advance to the deadline of the
        // cancelled sleeper before that sleeper has left its queue.
        #expect(try result.get() == 42)
    }

    @Test(.timeLimit(.minutes(10)))
    func operationErrorIsRethrownAsIs() async throws {
        struct Boom: Error, Equatable {}
        let clock = TestClock()
        await #expect(throws: Boom()) {
            try await withTimeout(.seconds(1), clock: clock) { throw Boom() }
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func outsideCancellationIsNotReportedAsTimeout() async throws {
        let clock = TestClock()
        let started = Flag()
        let task = Task {
            try await withTimeout(.seconds(1), clock: clock) {
                started.set()
                try await clock.sleep(for: .seconds(10))
                return 42
            }
        }
        try #require(await eventually { started.isSet })
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
