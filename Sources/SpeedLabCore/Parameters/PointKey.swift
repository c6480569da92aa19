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

    /// A hash of the key that is the same in every process, store and run (FNV-1a 64 over the
    /// scenario, a zero byte and the canonical JSON): seeds that must not depend on a row id.
    public var stableHash: UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in scenario.utf8 + [0] + parameters.canonicalJSON.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        return hash
    }

    /// Orders by scenario, then by canonical parameter text (a stable order for output).
    public static func < (lhs: PointKey, rhs: PointKey) -> Bool {
        (lhs.scenario, lhs.parameters.canonicalJSON) < (rhs.scenario, rhs.parameters.canonicalJSON)
    }
}
