import Foundation

/// What a scenario run gets from the engine: the clock simulated I/O waits on, the
/// machine's core count, the executors to run on and the recorder of wake lateness.
public struct ScenarioContext: Sendable {
    public let clock: any Clock<Duration>
    public let cores: Int
    public let executors: ExecutorCache
    public let lateness: WakeLatenessRecorder

    /// The cores this process may use, read once: Foundation reads the cgroup files behind it
    /// on every call, which a context made per repetition would pay every time.
    public static let machineCores = ProcessInfo.processInfo.activeProcessorCount

    public init(
        clock: any Clock<Duration> = IOTimerClock(),
        cores: Int = ScenarioContext.machineCores,
        executors: ExecutorCache = .shared,
        lateness: WakeLatenessRecorder = WakeLatenessRecorder()
    ) {
        self.clock = clock
        self.cores = cores
        self.executors = executors
        self.lateness = lateness
    }

    /// Waits `nanos` of simulated I/O and records how late the task resumed.
    public func simulateIO(nanos: Double) async throws {
        if clock is IOTimerClock {  // the common case, without generic clock arithmetic
            let deadline = ContinuousClock.now.advanced(by: .nanoseconds(nanos))
            try await TimerQueue.shared.sleep(until: deadline)
            let late = deadline.duration(to: .now).components
            lateness.record(nanos: late.seconds * 1_000_000_000 + late.attoseconds / 1_000_000_000)
            return
        }
        try await clock.measuredSleep(nanos: nanos, lateness: lateness)
    }
}

extension Clock where Duration == Swift.Duration {
    /// Sleeps `nanos` on this clock and records the lateness of the wake-up.
    func measuredSleep(nanos: Double, lateness: WakeLatenessRecorder) async throws {
        let deadline = now.advanced(by: .nanoseconds(Int64(nanos.rounded())))
        try await sleep(until: deadline, tolerance: nil)
        let late = deadline.duration(to: now)
        lateness.record(nanos: late.components.seconds * 1_000_000_000 + late.components.attoseconds / 1_000_000_000)
    }
}
