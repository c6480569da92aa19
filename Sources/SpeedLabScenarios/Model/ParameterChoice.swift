import SpeedLabCore

/// A parameter whose value is one of a few words (`transport`, `dispatch`, `cpu_pool`…): an
/// enum whose raw values are those words, its cases declared in the order its spec lists them.
/// Scenarios read such a parameter once, as its enum, and switch on it.
public protocol ParameterChoice: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension ParameterChoice {
    /// The words the parameter accepts, in declaration order.
    public static var words: [String] { allCases.map(\.rawValue) }
}

extension ParameterSpec.Kind {
    /// A parameter that takes one of `Choice`'s words.
    public static func choice<Choice: ParameterChoice>(of _: Choice.Type) -> Self {
        .choice(Choice.words)
    }
}

extension ParameterPoint {
    /// A choice parameter, validated and read as its enum; its default when absent. A value
    /// that is not one of the words is refused with the words it may be.
    public func choice<Choice: ParameterChoice>(_ spec: ParameterSpec, for scenario: String) throws(ScenarioError)
        -> Choice
    {
        let word = try value(spec, for: scenario).textValue ?? ""
        guard let choice = Choice(rawValue: word) else {
            throw .invalidValue(
                scenario: scenario, name: spec.name, value: word,
                expected: "one of " + Choice.words.joined(separator: ", "))
        }
        return choice
    }

    /// The choice this point holds for `spec`, as its enum, without validating the point:
    /// nil when it holds none, or a word that is not one of the choice's.
    public func chosen<Choice: ParameterChoice>(_ spec: ParameterSpec) -> Choice? {
        self[spec.name]?.textValue.flatMap(Choice.init(rawValue:))
    }
}
