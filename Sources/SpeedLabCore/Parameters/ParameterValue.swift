/// One value of a sweep parameter: a whole number, a real number or a word.
///
/// Values keep the kind they were written with, so `tasks: 64` stays an integer and
/// `jitter: 0.2` a real number; ``canonicalText`` is the form stored in the database.
///
/// Two values are equal when the store would keep them as the same JSON: `20` and `20.0` are
/// one value (a point read back from the store is the point that was written), the number
/// `20` and the word `"20"` are not.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case text(String)

    /// The value as written in canonical JSON (and in `--param k=v` filters).
    public var canonicalText: String {
        switch self {
        case .integer(let value): return String(value)
        case .real(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            return String(value)
        case .text(let value): return value
        }
    }

    public var description: String { canonicalText }

    public static func == (lhs: ParameterValue, rhs: ParameterValue) -> Bool {
        lhs.jsonText == rhs.jsonText
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(jsonText)
    }

    /// The value as a real number, when it is numeric.
    public var realValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        case .text: return nil
        }
    }

    /// The value as a whole number, when it is one (a real with no fraction counts).
    public var integerValue: Int? {
        switch self {
        case .integer(let value): return value
        case .real(let value):
            guard value.isFinite, value == value.rounded(), abs(value) < 9e15 else { return nil }
            return Int(value)
        case .text: return nil
        }
    }

    /// The value as a word, when it is one.
    public var textValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// JSON text of the value: numbers bare, words quoted and escaped.
    var jsonText: String {
        switch self {
        case .integer, .real: return canonicalText
        case .text(let value): return JSONText.quote(value)
        }
    }
}
