/// The identity of a measured point: its scenario and its full, canonical parameter values.
///
/// Two points are the same point exactly when their keys are equal, whichever run, store or
/// order of values they came from. Resume, comparison and history all match points by key.
public struct PointKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var scenario: String
    public var parameters: ParameterPoint

    public init(scenario: String, parameters: ParameterPoint) {
        self.scenario = scenario
        self.parameters = parameters
    }

    /// `concurrent latency_ms=20 tasks=64`, as progress lines and errors name a point.
    public var description: String {
        parameters.names.isEmpty ? scenario : "\(scenario) \(parameters)"
    }

    /// Orders by scenario, then by canonical parameter text (a stable order for output).
    public static func < (lhs: PointKey, rhs: PointKey) -> Bool {
        (lhs.scenario, lhs.parameters.canonicalJSON) < (rhs.scenario, rhs.parameters.canonicalJSON)
    }
}
