import Dispatch
import Synchronization
import Testing

@testable import SpeedLabScenarios

/// The timer thread's condition variable: timed waits run on the monotonic clock (a step of
/// the wall clock cannot be simulated without changing the machine's clock, so these pin the
/// timing behaviour the timer queue relies on).
@Suite struct MonotonicConditionTests {
    @Test func aTimedWaitReturnsOnceItsDurationHasPassed() {
        let condition = MonotonicCondition()
        let start = ContinuousClock.now
        condition.lock()
        while start.duration(to: .now) < .milliseconds(20) {
            let waited = start.duration(to: .now).components
            condition.wait(
                nanoseconds: 20_000_000 - waited.seconds * 1_000_000_000 - waited.attoseconds / 1_000_000_000)
        }
        condition.unlock()
        let elapsed = start.duration(to: .now)
        #expect(elapsed >= .milliseconds(20))
        #expect(elapsed < .seconds(5))
    }

    @Test func aSignalWakesAWaiterLongBeforeItsDeadline() async {
        let condition = MonotonicCondition()
        let signalled = Atomic(false)
        let start = ContinuousClock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) {
            condition.lock()
            signalled.store(true, ordering: .relaxed)
            condition.signal()
            condition.unlock()
        }
        condition.lock()
        while !signalled.load(ordering: .relaxed) {  // set under the lock: no wake-up is lost
            condition.wait(nanoseconds: 30_000_000_000)
        }
        condition.unlock()
        #expect(start.duration(to: .now) < .seconds(15))
    }
}
