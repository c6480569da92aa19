import SpeedLabCore

/// Why a scenario cannot be built from a point, or failed while running.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownScenario(name: String, valid: [String])
    case missingParameter(scenario: String, name: String)
    case invalidValue(scenario: String, name: String, value: String, expected: String)
    case checksumMismatch(scenario: String, point: String, expected: UInt64, actual: UInt64)
    case transportUnavailable(Transport)

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
        }
    }
}
