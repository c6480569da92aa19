import SpeedLabCommands
import SpeedLabCore

/// A parsed, validated sweep: which scenarios to run over which parameter values, how often.
///
/// Made by ``SweepFile/parse(_:source:registry:)`` from YAML; every value in it has already
/// been checked against the parameter it sets.
public struct Sweep: Sendable {
    /// A scenario of the sweep and the parameter values that apply to it alone.
    public struct Selection: Sendable, Hashable {
        public var scenario: String
        public var overrides: [String: [ParameterValue]]
        /// A `command` entry: the program whose points these are (`scenario` is its name, and
        /// `overrides` its own parameter values).
        public var command: CommandDefinition?

        public init(scenario: String, overrides: [String: [ParameterValue]] = [:], command: CommandDefinition? = nil) {
            self.scenario = scenario
            self.overrides = overrides
            self.command = command
        }
    }

    public var name: String
    public var label: String?
    public var seed: Int
    /// Measured repetitions per point; with adaptive repetitions, the most a point may get.
    public var repetitions: Int
    /// `repetitions: auto`: measure each point until its median is known to the precision.
    public var adaptive: AdaptiveRepetitions?
    public var warmup: Int
    /// Whether baseline points scenarios need are added when the sweep lacks them (default
    /// true). Without them, points have no speedup unless the sweep lists their baselines.
    public var addsBaselines: Bool
    public var scenarios: [Selection]
    /// Values per parameter for every scenario that reads it; one value or several.
    public var parameters: [String: [ParameterValue]]
    /// The YAML exactly as given (stored with the run, so a run can be resumed from it).
    public var yaml: String
    /// The file the sweep came from, or `built-in`.
    public var source: String
    /// The line of the `parameters` key (else `scenarios`): where errors about the grid point.
    public var gridLine: Int = 1

    public init(
        name: String, label: String?, seed: Int, repetitions: Int, warmup: Int, addsBaselines: Bool = true,
        scenarios: [Selection],
        parameters: [String: [ParameterValue]], yaml: String, source: String
    ) {
        self.name = name
        self.label = label
        self.seed = seed
        self.repetitions = repetitions
        self.warmup = warmup
        self.addsBaselines = addsBaselines
        self.scenarios = scenarios
        self.parameters = parameters
        self.yaml = yaml
        self.source = source
    }
}
