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
    public var key: PointKey { PointKey(scenario: scenarioName, parameters: parameters) }

    /// Items the point processes (its `tasks`), for per-item figures.
    public var tasks: Int { parameters["tasks"]?.integerValue ?? 1 }

    /// `concurrent tasks=64 work=0 …`, for progress lines and errors.
    public var title: String { key.description }
}
