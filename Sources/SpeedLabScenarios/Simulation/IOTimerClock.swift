/// The clock simulated I/O waits on: continuous time, with sleeps served by one timer thread
/// (``TimerQueue``) instead of one system timer per sleeper.
///
/// It is a real `Clock`, so code that takes `some Clock<Duration>` (timeouts, backoff) runs on
/// it in a measurement and on a test clock in a test.
public struct IOTimerClock: Clock {
    public typealias Instant = ContinuousClock.Instant
    public typealias Duration = Swift.Duration

    public init() {}

    public var now: Instant { .now }
    public var minimumResolution: Duration { .microseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await TimerQueue.shared.sleep(until: deadline)
    }
}
