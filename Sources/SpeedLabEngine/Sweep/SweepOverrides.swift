import SpeedLabScenarios

/// Command-line changes to a sweep: `--only`, `--repetitions`, `--warmup`, `--label`.
public struct SweepOverrides: Sendable {
    public var only: [String]
    public var repetitions: Int?
    public var warmup: Int?
    public var label: String?

    public init(only: [String] = [], repetitions: Int? = nil, warmup: Int? = nil, label: String? = nil) {
        self.only = only
        self.repetitions = repetitions
        self.warmup = warmup
        self.label = label
    }

    /// The sweep with these changes; `--only` names must be scenarios of the registry.
    public func apply(to sweep: Sweep, registry: ScenarioRegistry = .standard) throws(ScenarioError) -> Sweep {
        var result = sweep
        if !only.isEmpty {
            for name in only { _ = try registry.scenario(named: name) }
            result.scenarios = only.map { name in
                sweep.scenarios.first { $0.scenario == name } ?? Sweep.Selection(scenario: name)
            }
        }
        if let repetitions { result.repetitions = repetitions }
        if let warmup { result.warmup = warmup }
        if let label { result.label = label }
        return result
    }
}
