import ArgumentParser

/// `--param k=v`: a parameter value a point must have.
struct ParameterFilter: ExpressibleByArgument, Sendable {
    let name: String
    let value: String

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        name = parts[0]
        value = parts[1]
    }
}
