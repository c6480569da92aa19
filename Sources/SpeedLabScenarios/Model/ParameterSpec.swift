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
        /// Free text of at most `maxLength` characters, with no control character (an URL, a
        /// model's name); what it must look like beyond that, the scenario checks.
        case text(maxLength: Int)
    }

    /// When a parameter means something: only while another parameter holds one of `values`
    /// (`connections` only with `transport: http`). A point leaves out what does not apply.
    public struct Condition: Sendable, Hashable {
        public let parameter: String
        public let values: [String]

        public init(_ parameter: String, in values: [String]) {
            self.parameter = parameter
            self.values = values
        }
    }

    public let name: String
    public let summary: String
    public let unit: String
    public let kind: Kind
    /// The default; a word default of a numeric parameter (`auto`) stands for a value the
    /// scenario derives, and is accepted beside the numbers.
    public let defaultValue: ParameterValue
    /// Set on a parameter that applies only under a condition.
    public let condition: Condition?
    /// A parameter added after runs were stored is left out of a point at its default, so
    /// the points of earlier runs keep their identity and histories stay comparable.
    public let omittedAtDefault: Bool

    public init(
        _ name: String, _ summary: String, unit: String = "", kind: Kind, default defaultValue: ParameterValue,
        condition: Condition? = nil, omittedAtDefault: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.unit = unit
        self.kind = kind
        self.defaultValue = defaultValue
        self.condition = condition
        self.omittedAtDefault = omittedAtDefault
    }

    /// What a valid value looks like, for error messages and help.
    public var expectation: String {
        let automatic = automaticDefault.map { ", or \($0)" } ?? ""
        switch kind {
        case .integer(let range):
            return "a whole number from \(range.lowerBound) to \(range.upperBound)\(automatic)"
        case .real(let range): return "a number from \(range.lowerBound) to \(range.upperBound)\(automatic)"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        case .text(let maxLength): return "text of at most \(maxLength) characters, without control characters"
        }
    }

    /// The word a numeric parameter takes for "derive it" (`auto`), if it has one.
    public var automaticDefault: String? {
        switch kind {
        case .choice, .text: return nil
        case .integer, .real: break
        }
        return defaultValue.textValue
    }

    /// The value normalised to this spec's kind, or nil when it is not allowed.
    public func validated(_ value: ParameterValue) -> ParameterValue? {
        if let automaticDefault, value.textValue == automaticDefault { return .text(automaticDefault) }
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
        case .text(let maxLength):
            let text = value.textValue ?? value.canonicalText
            guard text.count <= maxLength,
                !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { return nil }
            return .text(text)
        }
    }
}
