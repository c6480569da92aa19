import SpeedLabCore

/// Why a scenario cannot be built from a point, or failed while running.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownScenario(name: String, valid: [String])
    case missingParameter(scenario: String, name: String)
    case invalidValue(scenario: String, name: String, value: String, expected: String)
    case checksumMismatch(scenario: String, point: String, expected: UInt64, actual: UInt64)
    case transportUnavailable(Transport)
    /// Calls of an agent point ended otherwise than the seed's schedule says (a service that
    /// stopped answering, or answered what it should have failed): the point is not a speedup.
    case servicesOffSchedule(scenario: String, unplanned: Int, calls: Int, failedQueries: Int, queries: Int)

    public var description: String {
        switch self {
        case .unknownScenario(let name, let valid):
            return
                "unknown scenario '\(name)'.\(CloseMatch.hint(for: name, among: valid)) Valid: \(valid.joined(separator: ", "))."
        case .missingParameter(let scenario, let name):
            return "scenario '\(scenario)' needs parameter '\(name)'."
        case .invalidValue(let scenario, let name, let value, let expected):
            return "'\(name)' of '\(scenario)' must be \(expected), got \(value)."
        case .checksumMismatch(let scenario, let point, let expected, let actual):
            return "checksum mismatch in '\(scenario)' at \(point): expected \(expected) (baseline), got \(actual). "
                + "The scenario skipped or repeated work."
        case .transportUnavailable(let transport):
            return "transport '\(transport.rawValue)' has no services or client in this run."
        case .servicesOffSchedule(let scenario, let unplanned, let calls, let failedQueries, let queries):
            return
                "'\(scenario)': \(unplanned) of \(calls) calls ended otherwise than the seed's schedule says "
                + "(\(failedQueries) of \(queries) queries failed); the services did not answer as planned "
                + "(stopped answering, or too slow for the timeout), so the point is not a measurement of the agent."
        }
    }
}
