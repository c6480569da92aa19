import ArgumentParser

/// A flag value that must be one of an enumeration's cases, parsed by the argument parser,
/// so a wrong value is refused once, with the valid values, before any work starts.
struct Choice<Value>: ExpressibleByArgument, Sendable
where Value: CaseIterable & RawRepresentable & Sendable, Value.RawValue == String {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    init?(argument: String) {
        guard let value = Value(rawValue: argument) else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { value.rawValue }

    static var allValueStrings: [String] { Value.allCases.map(\.rawValue) }
}
