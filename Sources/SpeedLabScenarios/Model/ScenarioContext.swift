import Foundation

/// What a scenario run gets from the engine: the clock simulated I/O waits on, the
/// machine's core count, the executors to run on, the recorder of wake lateness, and the
/// real-I/O resources when the run has `transport: http` points.
public struct ScenarioContext: Sendable {
    public let clock: any Clock<Duration>
    public let cores: Int
    public let executors: ExecutorCache
    public let lateness: WakeLatenessRecorder
    /// The run's HTTP client and database; nil when nothing in the run uses real I/O.
    public var network: NetworkResources?
    /// What the real transport counted in this repetition.
    public let fetches = FetchCounters()

    /// The cores this process may use, read once: Foundation reads the cgroup files behind it
    /// on every call, which a context made per repetition would pay every time.
    public static let machineCores = ProcessInfo.processInfo.activeProcessorCount

    public init(
        clock: any Clock<Duration> = IOTimerClock(),
        cores: Int = ScenarioContext.machineCores,
        executors: ExecutorCache = .shared,
        lateness: WakeLatenessRecorder = WakeLatenessRecorder(),
        network: NetworkResources? = nil
    ) {
        self.clock = clock
        self.cores = cores
        self.executors = executors
        self.lateness = lateness
        self.network = network
    }

    /// Performs one attempt of a service call over `transport`: a timer of the call's answer
    /// delay, or a real request through a pool of `connections`. Throws ``ServiceFailure``
    /// when the service answers with an error.
    public func fetch(_ call: ServiceCall, over transport: Transport, connections: Int) async throws {
        switch transport {
        case .simulated:
            let draw = call.draw
            try await simulateIO(nanos: draw == .hang ? 10 * call.latencyNanos : call.latencyNanos)
            if draw == .fail { throw ServiceFailure(call, status: nil) }
        case .http:
            guard let network else { throw ScenarioError.transportUnavailable(.http) }
            try await network.http.fetch(call, connections: connections, context: self)
        }
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
