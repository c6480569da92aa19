import Foundation
import SpeedLabConcurrency
import SpeedLabCore

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
    public let fetches = FetchCounters(FetchCounts())
    /// The latency of every call of the repetition (exact percentiles per sample).
    public let calls = CallLatencyRecorder()
    /// The streamed requests of an llm repetition, for the store's `request` table.
    public let streams = StreamRecorder()
    /// Records spans in a traced repetition; nil in measured ones.
    public var tracer: SpanTracer?

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
    /// delay, or a real request through `client`'s pool of `connections`. Throws
    /// ``ServiceFailure`` when the service answers with an error. Returns what the call
    /// measured, and records its latency in ``calls`` (an answer with an error status too).
    @discardableResult
    nonisolated(nonsending) public func fetch(
        _ call: ServiceCall, over transport: Transport, client: HTTPClientKind = .nio, connections: Int
    ) async throws -> CallTiming {
        switch transport {
        case .simulated:
            return try await simulatedFetch(call)
        case .http:
            guard let http = network?.client(client) else { throw ScenarioError.transportUnavailable(.http) }
            return try await http.fetch(call, connections: connections, context: self)
        }
    }

    /// A simulated call: a timer of the call's answer delay (ten times it for a hang), timed
    /// by the same clock reads that measure the wake's lateness.
    nonisolated(nonsending) private func simulatedFetch(_ call: ServiceCall) async throws -> CallTiming {
        let draw = call.draw
        let nanos = draw == .hang ? 10 * call.latencyNanos : call.latencyNanos
        let start = ContinuousClock.now
        let end = try await simulateIO(nanos: nanos, from: start)
        let timing = CallTiming(start: start, firstByte: end, end: end, bytes: 0)
        calls.record(timing)
        if draw == .fail { throw ServiceFailure(call, status: nil) }
        return timing
    }

    /// The one thread a scenario's I/O tasks run on for `workload`: over http, the event loop
    /// of the client that does its I/O, when that client has one (a request's answer then
    /// resumes its task on the thread that read it, with no hop between threads); otherwise
    /// the single-thread executor of ``executors``.
    public func eventLoop(for workload: Workload) -> any TaskExecutor {
        if workload.transport == .http, let loop = network?.client(workload.client)?.eventLoop { return loop }
        return executors.eventLoop
    }

    /// Runs the kernel for `item` of `workload` here, as a compute span when tracing.
    public func compute(_ workload: Workload, item: Int) -> UInt64 {
        traceCompute(item: item) { workload.compute(item: item) }
    }

    /// Runs `kernel` (the CPU work of `item`) on this thread, as a compute span when tracing.
    public func traceCompute(item: Int, _ kernel: () -> UInt64) -> UInt64 {
        guard let tracer else { return kernel() }
        let start = tracer.now()
        let hash = kernel()
        tracer.record(.compute, item: item, since: start)
        return hash
    }

    /// Runs `body` holding a permit of `limiter`; when tracing, the wait is a permit span.
    nonisolated(nonsending) public func withPermit<T>(
        _ limiter: AsyncSemaphore, item: Int, _ body: nonisolated(nonsending) () async throws -> T
    ) async throws -> T {
        guard let tracer else { return try await limiter.withPermit(body) }
        let start = tracer.now()
        return try await limiter.withPermit {
            tracer.record(.permit, item: item, since: start)
            return try await body()
        }
    }

    /// Runs one attempt of a call; when tracing, it is a fetch span with its outcome (a
    /// rejection span when an open breaker refused it).
    nonisolated(nonsending) public func traceFetch<T>(
        item: Int, service: Int, attempt: Int, _ body: nonisolated(nonsending) () async throws -> T
    ) async throws -> T {
        guard let tracer else { return try await body() }
        let start = tracer.now()
        do {
            let value = try await body()
            tracer.record(.fetch, item: item, service: service, attempt: attempt, outcome: "ok", since: start)
            return value
        } catch {
            tracer.record(
                error is CircuitOpenError ? .rejection : .fetch, item: item, service: service, attempt: attempt,
                outcome: SpanTracer.outcome(of: error), since: start)
            throw error
        }
    }

    /// Runs one attempt of a streamed call; when tracing, a fetch span with its outcome and
    /// the arrival of its first token (the timeline's tick on the bar).
    nonisolated(nonsending) public func traceStream(
        item: Int, service: Int, attempt: Int, _ body: nonisolated(nonsending) () async throws -> CallTiming
    ) async throws -> CallTiming {
        guard let tracer else { return try await body() }
        let start = tracer.now()
        do {
            let timing = try await body()
            tracer.record(
                .fetch, item: item, service: service, attempt: attempt, outcome: "ok", from: start, to: tracer.now(),
                firstToken: tracer.nanos(at: timing.firstByte))
            return timing
        } catch {
            tracer.record(
                error is CircuitOpenError ? .rejection : .fetch, item: item, service: service, attempt: attempt,
                outcome: SpanTracer.outcome(of: error), since: start)
            throw error
        }
    }

    /// Waits `nanos` of simulated I/O and records how late the task resumed.
    nonisolated(nonsending) public func simulateIO(nanos: Double) async throws {
        _ = try await simulateIO(nanos: nanos, from: .now)
    }

    /// Waits `nanos` of simulated I/O from `start` and records how late the task resumed;
    /// returns when it resumed (on the monotonic clock).
    nonisolated(nonsending) func simulateIO(nanos: Double, from start: ContinuousClock.Instant) async throws
        -> ContinuousClock.Instant
    {
        if clock is IOTimerClock {  // the common case, without generic clock arithmetic
            let deadline = start.advanced(by: .nanoseconds(nanos))
            try await TimerQueue.shared.sleep(until: deadline)
            let now = ContinuousClock.now
            let late = deadline.duration(to: now).components
            lateness.record(nanos: late.seconds * 1_000_000_000 + late.attoseconds / 1_000_000_000)
            return now
        }
        try await clock.measuredSleep(nanos: nanos, lateness: lateness)
        return .now
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
