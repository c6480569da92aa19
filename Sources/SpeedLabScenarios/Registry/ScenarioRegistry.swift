import SpeedLabCore

/// The scenarios SpeedLab knows, by name: where sweep files and `--only` look names up.
public struct ScenarioRegistry: Sendable {
    public let scenarios: [any Scenario.Type]

    public init(_ scenarios: [any Scenario.Type]) {
        self.scenarios = scenarios
    }

    /// Every built-in scenario, in the order reports list them.
    public static let standard = ScenarioRegistry([
        SequentialScenario.self,
        ConcurrentScenario.self,
        ParallelScenario.self,
        HybridScenario.self,
        AgentScenario.self,
        AgentSequentialScenario.self,
        LLMScenario.self,
    ])

    public var names: [String] { scenarios.map { $0.name } }

    /// The scenario called `name`, or an error listing the valid names and a close match.
    public func scenario(named name: String) throws(ScenarioError) -> any Scenario.Type {
        guard let found = scenarios.first(where: { $0.name == name }) else {
            throw .unknownScenario(name: name, valid: names)
        }
        return found
    }

    /// Every parameter any scenario reads, by name.
    public var allParameters: [ParameterSpec] {
        var seen = Set<String>()
        return scenarios.flatMap { $0.parameters }.filter { seen.insert($0.name).inserted }
    }
}
