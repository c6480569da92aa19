import ArgumentParser
import Foundation

/// A run named on the command line: an id, a label (its newest run), `latest` or `latest~N`.
/// The store resolves it; the parser only refuses what can name no run.
struct RunReference: ExpressibleByArgument, Sendable, CustomStringConvertible {
    let text: String

    init?(argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.hasPrefix("latest~") {
            guard let back = Int(trimmed.dropFirst("latest~".count)), back >= 0 else { return nil }
        }
        text = trimmed
    }

    var description: String { text }
}
