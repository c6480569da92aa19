import Dispatch
import Synchronization
import Testing

@testable import SpeedLabScenarios

/// The timer thread's condition variable: timed waits run on the monotonic clock (a step of
/// the wall clock cannot be simulated without changing the machine's clock, so these pin the
/// timing behaviour the timer queue relies on).
@Suite struct MonotonicConditionTests {
    /// A timed wait that nobody signals sleeps for its duration: waits counted until 20 ms
    /// have passed stay a handful (spurious wake-ups aside). A deadline computed on another
    /// clock than the condition's would either lie in the past, and the loop would spin
    /// through thousands of waits that return at once, or far ahead, and the wait would
    /// outlast the time limit.
    @Test(.timeLimit(.minutes(1))) func aTimedWaitSleepsForItsDurationInsteadOfReturningAtOnce() {
        let condition = MonotonicCondition()
        let start = ContinuousClock.now
        var waits = 0
        condition.lock()
        while start.duration(to: .now) < .milliseconds(20) {
            let waited = start.duration(to: .now).components
            condition.wait(
                nanoseconds: 20_000_000 - waited.seconds * 1_000_000_000 - waited.attoseconds / 1_000_000_000)
            waits += 1
        }
        condition.unlock()
        #expect(waits <= 5, "a 20 ms wait returned early \(waits) times")
        #expect(start.duration(to: .now) < .seconds(5))
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
