import SpeedLabCore

/// Why a sweep file was refused: each case names the file, the line and column, and what
/// was expected, so the message alone is enough to fix the file.
public enum SweepFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A place in a file: `quick.yaml:7:3`.
    public struct Location: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int

        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }

        public var description: String { "\(file):\(line):\(column)" }
    }

    case unreadable(file: String, reason: String)
    case notUTF8(file: String, byteOffset: Int)
    case tooLarge(file: String, bytes: Int, limit: Int)
    case syntax(Location, problem: String)
    case expected(Location, what: String, found: String)
    case unknownKey(Location, key: String, valid: [String])
    case duplicateKey(Location, key: String)
    case unknownScenario(Location, name: String, valid: [String])
    case unknownParameter(Location, name: String, scenario: String?, valid: [String])
    case invalidValue(Location, parameter: String, value: String, expected: String)
    case emptyList(Location, key: String)
    case tooManyPoints(Location, count: Int, limit: Int)
    /// A `{name}` placeholder of a command with no parameter to fill it.
    case unknownPlaceholder(Location, name: String, command: String, valid: [String])
    /// A parameter given to a command that no placeholder of it uses.
    case unusedParameter(Location, name: String, command: String)
    /// A command that cannot be read (empty, unterminated quote, too long, a name taken).
    case badCommand(Location, command: String, problem: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the sweep file (\(reason))."
        case .notUTF8(let file, let offset):
            return "\(file):1:1: the file is not UTF-8 text (invalid byte at offset \(offset))."
        case .tooLarge(let file, let bytes, let limit):
            return "\(file):1:1: the file has \(bytes) bytes; a sweep file may have at most \(limit)."
        case .syntax(let at, let problem):
            return "\(at): YAML syntax error: \(problem)."
        case .expected(let at, let what, let found):
            return "\(at): expected \(what), found \(found)."
        case .unknownKey(let at, let key, let valid):
            return "\(at): unknown key '\(key)'.\(Self.hint(key, valid)) Valid: \(valid.joined(separator: ", "))."
        case .duplicateKey(let at, let key):
            return "\(at): key '\(key)' appears more than once."
        case .unknownScenario(let at, let name, let valid):
            return
                "\(at): unknown scenario '\(name)'.\(Self.hint(name, valid)) Valid: \(valid.joined(separator: ", "))."
        case .unknownParameter(let at, let name, let scenario, let valid):
            let owner = scenario.map { " for '\($0)'" } ?? ""
            return
                "\(at): unknown parameter '\(name)'\(owner).\(Self.hint(name, valid)) Valid: \(valid.joined(separator: ", "))."
        case .invalidValue(let at, let parameter, let value, let expected):
            return "\(at): '\(parameter)' must be \(expected), got \(value)."
        case .emptyList(let at, let key):
            return "\(at): '\(key)' is an empty list; give at least one value."
        case .unknownPlaceholder(let at, let name, let command, let valid):
            let known = valid.isEmpty ? "It has no parameters." : "Its parameters: \(valid.joined(separator: ", "))."
            return "\(at): placeholder '{\(name)}' of command '\(command)' has no parameter.\(Self.hint(name, valid)) "
                + "\(known) Give it a value (`\(name): [..]`) or remove the placeholder."
        case .unusedParameter(let at, let name, let command):
            return "\(at): parameter '\(name)' of command '\(command)' is used by no placeholder: write {\(name)} in "
                + "its 'run' (or a setup/prepare step), or remove it."
        case .badCommand(let at, let command, let problem):
            return "\(at): command '\(command)': \(problem)"
        case .tooManyPoints(let at, let count, let limit):
            let size = count == Int.max ? "more than \(Int.max)" : String(count)
            return
                "\(at): the sweep expands to \(size) points, more than \(limit). Narrow the grid, or pass --yes to run it anyway."
        }
    }

    private static func hint(_ name: String, _ valid: [String]) -> String {
        CloseMatch.hint(for: name, among: valid)
    }
}
