import SpeedLabCore
import SpeedLabScenarios

/// One point of an expanded sweep: a scenario at full parameter values, its position in the
/// schedule, and the ordinal of its baseline point (added automatically when missing).
public struct PlannedPoint: Sendable {
    public let ordinal: Int
    public let scenario: any Scenario
    public let scenarioName: String
    public let parameters: ParameterPoint
    public let baselineOrdinal: Int?
    /// The point's identity: scenario and canonical parameters.
    public let key: PointKey
    /// `concurrent tasks=64 work=0 …`, for progress lines and errors (made once: the runner
    /// names the point with every finished repetition).
    public let title: String

    public init(
        ordinal: Int, scenario: any Scenario, scenarioName: String, parameters: ParameterPoint, baselineOrdinal: Int?
    ) {
        self.ordinal = ordinal
        self.scenario = scenario
        self.scenarioName = scenarioName
        self.parameters = parameters
        self.baselineOrdinal = baselineOrdinal
        key = PointKey(scenario: scenarioName, parameters: parameters)
        title = key.description
    }

    /// Whether the point's repetitions have spans to trace (a command has none).
    public var hasSpans: Bool {
        switch scenario.measurement {
        case .timedBySpeedLab: return type(of: scenario).recordsSpans
        case .selfMeasuring: return false
        }
    }

    /// Items the point processes (its `tasks`), for per-item figures.
    public var tasks: Int { parameters["tasks"]?.integerValue ?? 1 }

}
