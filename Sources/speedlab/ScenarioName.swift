import ArgumentParser
import SpeedLabCore
import SpeedLabScenarios

/// `--only NAME`: a scenario of the standard registry. A mistyped name is refused by the
/// parser with the closest valid name and the list of valid ones.
struct ScenarioName: ExpressibleByArgument, Sendable {
    let name: String

    init?(argument: String) {
        guard ScenarioRegistry.standard.names.contains(argument) else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { ScenarioRegistry.standard.names }

    /// Parses `argument`, or throws the message that says what would have been valid.
    static func parse(_ argument: String) throws -> ScenarioName {
        guard let parsed = ScenarioName(argument: argument) else {
            let valid = ScenarioRegistry.standard.names
            throw ValidationError(
                "unknown scenario '\(argument)'.\(CloseMatch.hint(for: argument, among: valid)) "
                    + "Valid: \(valid.joined(separator: ", ")).")
        }
        return parsed
    }
}
