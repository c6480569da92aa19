import SpeedLabCore

/// One item at a time: fetch, then compute. The baseline of `concurrent`, `parallel` and `hybrid`.
///
/// Nothing overlaps, so its wall time is the sum of every latency plus every item's CPU work.
public struct SequentialScenario: Scenario {
    public static let name = "sequential"
    public static let summary = "one item at a time: fetch, then compute — the baseline"
    public static let parameters = ParameterCatalog.workload

    public let workload: Workload

    public init(point: ParameterPoint) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: Self.name)
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? { nil }

    /// Lower bound `Σ (latency_i + round trip) + N·c`: every wait and every computation, one after another.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        .serial(io: workload.fetchTimes(costs: costs).reduce(0, +), cpu: Double(workload.tasks) * costs.cpuNanosPerItem)
    }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        var checksum = Checksum()
        for item in 0..<workload.tasks {
            try await workload.fetch(item: item, in: context, connections: 1)
            checksum.add(item: item, hash: context.compute(workload, item: item))
        }
        return ScenarioOutcome(checksum: checksum.value, counters: [Metric.calls.name: Double(workload.tasks)])
    }
}
