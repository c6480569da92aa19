import SpeedLabCore

/// A parameter a scenario reads: its name, meaning, unit, allowed values and default.
///
/// Specs are what `speedlab scenarios` prints and what sweep values are validated against,
/// so a bad value is refused before anything is written to the database.
public struct ParameterSpec: Sendable, Hashable {
    /// The values a parameter accepts.
    public enum Kind: Sendable, Hashable {
        case integer(ClosedRange<Int>)
        case real(ClosedRange<Double>)
        case choice([String])
    }

    public let name: String
    public let summary: String
    public let unit: String
    public let kind: Kind
    public let defaultValue: ParameterValue

    public init(_ name: String, _ summary: String, unit: String = "", kind: Kind, default defaultValue: ParameterValue)
    {
        self.name = name
        self.summary = summary
        self.unit = unit
        self.kind = kind
        self.defaultValue = defaultValue
    }

    /// What a valid value looks like, for error messages and help.
    public var expectation: String {
        switch kind {
        case .integer(let range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .real(let range): return "a number from \(range.lowerBound) to \(range.upperBound)"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        }
    }

    /// The value normalised to this spec's kind, or nil when it is not allowed.
    public func validated(_ value: ParameterValue) -> ParameterValue? {
        switch kind {
        case .integer(let range):
            guard let number = value.integerValue, range.contains(number) else { return nil }
            return .integer(number)
        case .real(let range):
            guard let number = value.realValue, number.isFinite, range.contains(number) else { return nil }
            return .real(number)
        case .choice(let words):
            guard let word = value.textValue, words.contains(word) else { return nil }
            return .text(word)
        }
    }
}
