import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabScenarios

/// `--only NAME`: a scenario of the standard registry. A mistyped name is refused by the
/// parser with the closest valid name and the list of valid ones.
struct ScenarioName: ExpressibleByArgument, Sendable {
    let name: String

    /// A built-in scenario, `command`, or any other name (a command of the sweep, checked
    /// against the sweep once it is read).
    init?(argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return nil }
        name = trimmed
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
