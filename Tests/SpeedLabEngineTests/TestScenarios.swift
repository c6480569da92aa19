import SpeedLabCore
import SpeedLabScenarios
import Synchronization

/// Scenarios that exist only for tests of the engine.
enum TestScenarios {
    static let registry = ScenarioRegistry([SequentialScenario.self, SkippingScenario.self, JitteryScenario.self])
}

/// Reads `concurrency` (so grids cross it) and skips the CPU work of item 0 when `work > 0`,
/// so its checksum differs from its sequential baseline's: the engine must fail it loudly.
struct SkippingScenario: Scenario {
    static let name = "skipping"
    static let summary = "a broken scenario that skips one item's work"
    static let parameters = ParameterCatalog.workload + [ParameterCatalog.concurrency]

    let workload: Workload

    init(point: ParameterPoint) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: Self.name)
    }

    static func baseline(of point: ParameterPoint) -> BaselineReference? {
        BaselineReference(scenario: SequentialScenario.name, point: Workload.point(of: point))
    }

    func idealTime(_ costs: MachineCosts) -> IdealTime { .serial(io: 0, cpu: 0) }

    func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        var checksum = Checksum()
        for item in 0..<workload.tasks where !(item == 0 && workload.work > 0) {
            checksum.add(item: item, hash: workload.compute(item: item))
        }
        return ScenarioOutcome(checksum: checksum.value)
    }
}

/// Waits 1 to 15 ms each run, drawn from its seed and the number of runs so far (the
/// same sequence on every machine), so its wall times never settle to a tight median: an
/// adaptive run must stop it at its maximum.
struct JitteryScenario: Scenario {
    static let name = "jittery"
    static let summary = "a scenario whose wall time is random"
    static let parameters = ParameterCatalog.workload

    let workload: Workload

    init(point: ParameterPoint) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: Self.name)
    }

    static func baseline(of point: ParameterPoint) -> BaselineReference? { nil }

    func idealTime(_ costs: MachineCosts) -> IdealTime { .serial(io: 0, cpu: 0) }

    /// Runs so far, across every instance: the index of the next draw.
    static let runs = Atomic(0)

    func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        let run = Self.runs.add(1, ordering: .relaxed).oldValue
        let u = SeededDraw.uniform(seed: workload.seed, query: run, service: 0, attempt: 1, k: 0)
        try await Task.sleep(for: .microseconds(1_000 + Int(u * 14_000)))
        return ScenarioOutcome(checksum: 1)
    }
}
