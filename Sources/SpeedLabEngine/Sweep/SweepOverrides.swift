import SpeedLabCore
import SpeedLabScenarios

/// Command-line changes to a sweep: `--only`, `--repetitions`, `--warmup`, `--label`.
public struct SweepOverrides: Sendable {
    public var only: [String]
    public var repetitions: RepetitionCount?
    public var warmup: Int?
    public var label: String?

    public init(only: [String] = [], repetitions: RepetitionCount? = nil, warmup: Int? = nil, label: String? = nil) {
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
        switch repetitions {
        case .fixed(let count):
            result.repetitions = count
            result.adaptive = nil
        case .auto:
            let rule = sweep.adaptive ?? AdaptiveRepetitions()
            result.adaptive = rule
            result.repetitions = rule.maximum
        case nil:
            break
        }
        if let warmup { result.warmup = warmup }
        if let label { result.label = label }
        return result
    }
}

/// How many measured repetitions a point gets: a fixed count, or `auto` (until its median is
/// known to the sweep's precision).
public enum RepetitionCount: Sendable, Hashable {
    case fixed(Int)
    case auto
}
