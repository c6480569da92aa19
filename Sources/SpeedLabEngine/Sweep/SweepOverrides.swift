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

    /// The sweep with these changes; `--only` names must be scenarios of the registry, and
    /// keep every entry of theirs.
    public func apply(to sweep: Sweep, registry: ScenarioRegistry = .standard) throws(ScenarioError) -> Sweep {
        var result = sweep
        if !only.isEmpty {
            // A built-in scenario, `command` (every command entry) or the name of one of the
            // sweep's commands.
            let commands = sweep.scenarios.filter { $0.command != nil }.map(\.scenario)
            let valid = registry.names + (commands.isEmpty ? [] : ["command"]) + commands
            for name in only where !valid.contains(name) {
                throw .unknownScenario(name: name, valid: valid)
            }
            // Every entry of a named scenario stays, in the sweep's order (a sweep may list one
            // scenario several times with other values); a built-in name the sweep lacks runs on
            // its defaults.
            let named = Set(only)
            var kept = sweep.scenarios.filter {
                named.contains($0.scenario) || ($0.command != nil && named.contains("command"))
            }
            var added = Set(kept.map(\.scenario))
            for name in only where !added.contains(name) && registry.names.contains(name) {
                kept.append(Sweep.Selection(scenario: name))
                added.insert(name)
            }
            result.scenarios = kept
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
