import ArgumentParser
import Foundation
import SpeedLabStore

/// A run named on the command line: an id, a label (its newest run), `latest` or `latest~N`,
/// parsed once into a ``RunSelector`` that the store resolves. The parser refuses what can
/// name no run (nothing, `latest~x`, a negative N).
struct RunReference: ExpressibleByArgument, Sendable, CustomStringConvertible {
    let selector: RunSelector

    init?(argument: String) {
        guard let selector = try? RunSelector(parsing: argument) else { return nil }
        self.selector = selector
    }

    /// The latest run.
    static let latest = RunReference(selector: .latest)

    private init(selector: RunSelector) { self.selector = selector }

    var description: String { selector.text }
}
