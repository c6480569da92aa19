import ArgumentParser
import SpeedLabCore
import SpeedLabScenarios

extension SpeedLab {
    /// `speedlab scenarios`: what each scenario shows and the parameters it reads.
    struct Scenarios: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the scenarios, what each shows, and their parameters with defaults and units.")

        func run() async throws {
            for type in ScenarioRegistry.standard.scenarios {
                var table = TextTable(header: ["parameter", "default", "unit", "allowed", "meaning"])
                for spec in type.parameters {
                    table.rows.append([
                        spec.name, spec.defaultValue.canonicalText, spec.unit.isEmpty ? "-" : spec.unit,
                        Self.allowed(spec.kind), spec.summary,
                    ])
                }
                let baseline = type.baseline(of: .init()).map { "baseline: \($0.scenario)" } ?? "a baseline itself"
                print("\(type.name) — \(type.summary) (\(baseline))")
                print(table.render())
            }
        }

        static func allowed(_ kind: ParameterSpec.Kind) -> String {
            switch kind {
            case .integer(let range): return "\(range.lowerBound)…\(range.upperBound)"
            case .real(let range): return "\(range.lowerBound)…\(range.upperBound)"
            case .choice(let words): return words.joined(separator: "|")
            case .text(let maxLength): return "text (≤ \(maxLength))"
            }
        }
    }
}
