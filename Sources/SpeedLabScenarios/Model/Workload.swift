import SpeedLabCore

/// The shared workload every scenario executes: N items, each one fetch of mean latency L
/// (spread by a seeded jitter) over the `transport`, and `work` units of the FNV-1a kernel.
///
/// Item latencies are a function of the seed and the item, so every scenario at the same
/// workload waits exactly as long in total, whatever its schedule.
public struct Workload: Sendable, Hashable {
    public let tasks: Int
    public let latencyMs: Double
    public let jitter: Double
    public let work: Int
    public let seed: Int
    public let transport: Transport
    public let responseBytes: Int
    /// The HTTP client of `transport: http` fetches.
    public let client: HTTPClientKind

    public init(point: ParameterPoint, scenario: String) throws(ScenarioError) {
        tasks = try point.integer(ParameterCatalog.tasks, for: scenario)
        latencyMs = try point.real(ParameterCatalog.latencyMs, for: scenario)
        jitter = try point.real(ParameterCatalog.jitter, for: scenario)
        work = try point.integer(ParameterCatalog.work, for: scenario)
        seed = try point.integer(ParameterCatalog.seed, for: scenario)
        transport = try point.choice(ParameterCatalog.transport, for: scenario)
        responseBytes = try point.integer(ParameterCatalog.responseBytes, for: scenario)
        client = try point.choice(ParameterCatalog.client, for: scenario)
    }

    /// The fetch of item `item` (service 0, one attempt, never failing).
    public func call(item: Int) -> ServiceCall {
        ServiceCall(
            service: 0, query: item, attempt: 1, seed: seed, meanLatencyNanos: latencyMs * 1e6, jitter: jitter,
            failureRate: 0, responseBytes: responseBytes)
    }

    /// Fetches item `item` over the workload's transport through a pool of `connections`
    /// (a fetch span when tracing); returns what the call measured.
    @discardableResult
    nonisolated(nonsending) public func fetch(item: Int, in context: ScenarioContext, connections: Int) async throws
        -> CallTiming
    {
        // Untraced, the call goes straight to the transport: a generic wrapper around each of
        // thousands of calls costs measurably more per task than the call's own bookkeeping.
        guard context.tracer != nil else {
            return try await context.fetch(call(item: item), over: transport, client: client, connections: connections)
        }
        return try await context.traceFetch(item: item, service: 0, attempt: 1) {
            try await context.fetch(call(item: item), over: transport, client: client, connections: connections)
        }
    }

    /// The latency of item `item`'s fetch (service 0), in nanoseconds.
    public func latencyNanos(item: Int) -> Double {
        SeededDraw.latencyNanos(meanNanos: latencyMs * 1e6, jitter: jitter, seed: seed, query: item, service: 0)
    }

    /// The least time item `item`'s fetch takes on this machine: its latency, plus the round
    /// trip floor over http.
    public func fetchNanos(item: Int, costs: MachineCosts) -> Double {
        latencyNanos(item: item) + (transport == .http ? costs.roundTripNanos : 0)
    }

    /// Every item's least fetch time, in item order.
    public func fetchTimes(costs: MachineCosts) -> [Double] {
        (0..<tasks).map { fetchNanos(item: $0, costs: costs) }
    }

    /// The bound of a schedule that overlaps the fetches at most `slots` at a time, and CPU
    /// work on `threads` threads: fetches cannot beat ``LatencyBounds/overlapped(_:slots:)``,
    /// and no computation starts before the first fetch returns.
    public func overlappedBound(slots: Int, threads: Int, costs: MachineCosts) -> IdealTime {
        let fetches = fetchTimes(costs: costs)
        return .overlapping(
            io: LatencyBounds.overlapped(fetches, slots: slots),
            cpu: LatencyBounds.cpu(
                items: tasks, cpuPerItem: costs.cpuNanosPerItem, threads: threads, cores: costs.cores,
                leadIn: fetches.min() ?? 0)
        )
    }

    /// Runs the kernel for one item and returns its result.
    public func compute(item: Int) -> UInt64 {
        FNV1a.hash(work: work)
    }

    /// The workload part of a point: what a baseline at the same workload reads.
    public static func point(of point: ParameterPoint) -> ParameterPoint {
        point.restricted(to: ParameterCatalog.workload.map(\.name))
    }
}
