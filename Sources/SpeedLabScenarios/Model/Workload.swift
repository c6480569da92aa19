import SpeedLabCore

/// The shared workload every scenario executes: N items, each one simulated fetch of mean
/// latency L (spread by a seeded jitter) and `work` units of the FNV-1a kernel.
///
/// Item latencies are a function of the seed and the item, so every scenario at the same
/// workload waits exactly as long in total, whatever its schedule.
public struct Workload: Sendable, Hashable {
    public let tasks: Int
    public let latencyMs: Double
    public let jitter: Double
    public let work: Int
    public let seed: Int

    public init(point: ParameterPoint, scenario: String) throws(ScenarioError) {
        tasks = try point.integer(ParameterCatalog.tasks, for: scenario)
        latencyMs = try point.real(ParameterCatalog.latencyMs, for: scenario)
        jitter = try point.real(ParameterCatalog.jitter, for: scenario)
        work = try point.integer(ParameterCatalog.work, for: scenario)
        seed = try point.integer(ParameterCatalog.seed, for: scenario)
    }

    /// The simulated latency of item `item`'s fetch (service 0), in nanoseconds.
    public func latencyNanos(item: Int) -> Double {
        SeededDraw.latencyNanos(meanNanos: latencyMs * 1e6, jitter: jitter, seed: seed, query: item, service: 0)
    }

    /// Every item's latency, in item order.
    public var latencies: [Double] {
        (0..<tasks).map(latencyNanos(item:))
    }

    /// The sum of every item's latency: what a strictly sequential run waits in total.
    public var totalLatencyNanos: Double {
        (0..<tasks).reduce(0) { $0 + latencyNanos(item: $1) }
    }

    /// The bound of a schedule that overlaps the fetches at most `slots` at a time, and CPU
    /// work on `threads` threads: fetches cannot beat ``LatencyBounds/overlapped(_:slots:)``,
    /// and no computation starts before the first fetch returns.
    public func overlappedBound(slots: Int, cpuNanosPerItem: Double, threads: Int, cores: Int) -> IdealTime {
        let latencies = self.latencies
        return .overlapping(
            io: LatencyBounds.overlapped(latencies, slots: slots),
            cpu: LatencyBounds.cpu(
                items: tasks, cpuPerItem: cpuNanosPerItem, threads: threads, cores: cores, leadIn: latencies.min() ?? 0)
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
