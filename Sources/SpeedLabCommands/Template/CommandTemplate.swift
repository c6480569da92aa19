/// A command line as written in a sweep file (`python3 agent.py --concurrency {concurrency}`),
/// read once into words and `{name}` placeholders.
///
/// A template without shell syntax is split into argv here, quotes and backslashes honoured,
/// *before* any value is substituted, so a value is always part of one argument and can never
/// add arguments. A template with shell syntax (pipes, redirections, `;`, `&&`, `$`, globs,
/// `~`, `#`, subshells) runs under `/bin/sh -c`, and each value is quoted for the place it is
/// substituted (outside quotes, in double quotes or in single quotes), so it stays one literal
/// word. `{{` and `}}` stand for literal braces.
public struct CommandTemplate: Sendable, Hashable {
    /// One piece of a word: literal text or a placeholder.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    /// Where a placeholder stands in the shell text: how its value must be quoted.
    enum QuoteState: Sendable, Hashable {
        case none, single, double
    }

    /// The template as written.
    public let text: String
    /// Whether it needs `/bin/sh -c`.
    public let usesShell: Bool
    /// The placeholder names in order of first appearance.
    public let placeholders: [String]
    /// The argv words (direct exec).
    let words: [[Piece]]
    /// The shell text, in pieces, with each placeholder's quoting context.
    let shellPieces: [(piece: Piece, quote: QuoteState)]

    public static func == (lhs: CommandTemplate, rhs: CommandTemplate) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Most characters a command template may have.
    public static let maximumLength = 64 * 1024

    /// Reads `text`; throws when it is empty, too long, has an unterminated quote or a
    /// trailing backslash, or holds a NUL byte (which exec cannot pass).
    public init(_ text: String) throws(CommandError) {
        if let nul = text.unicodeScalars.firstIndex(of: "\u{0}") {
            throw .nulByte(character: text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: nul) + 1)
        }
        guard text.utf8.count <= Self.maximumLength else {
            throw .templateTooLong(bytes: text.utf8.count, limit: Self.maximumLength)
        }
        guard !text.allSatisfy(\.isWhitespace) else { throw .emptyCommand }
        var scanner = TemplateScanner(text)
        try scanner.scan()
        self.text = text
        usesShell = scanner.needsShell
        placeholders = scanner.placeholderNames
        words = scanner.words
        shellPieces = scanner.shellPieces
        if !usesShell && words.isEmpty { throw .emptyCommand }
    }

    /// The argv of a direct exec with `values` substituted (first word: the program as written).
    public func arguments(_ values: [String: String]) -> [String] {
        words.map { word in
            word.map { piece in
                switch piece {
                case .literal(let text): return text
                case .placeholder(let name): return values[name] ?? ""
                }
            }.joined()
        }
    }

    /// The text given to `/bin/sh -c`, each value quoted for where it stands.
    public func shellScript(_ values: [String: String]) -> String {
        shellPieces.map { entry in
            switch entry.piece {
            case .literal(let text): return text
            case .placeholder(let name):
                let value = values[name] ?? ""
                switch entry.quote {
                case .none: return ShellQuoting.quote(value)
                case .double: return ShellQuoting.escapeInDoubleQuotes(value)
                case .single: return "'" + ShellQuoting.quote(value) + "'"
                }
            }
        }.joined()
    }

    /// The program as written (the first word), when the command is exec'd directly.
    public var program: String? {
        guard !usesShell, let first = words.first else { return nil }
        return first.map { piece in
            if case .literal(let text) = piece { return text }
            return ""
        }.joined()
    }

    /// Whether the program itself comes from a placeholder (then it is resolved per point).
    public var programHasPlaceholder: Bool {
        guard let first = words.first else { return false }
        return first.contains { if case .placeholder = $0 { return true } else { return false } }
    }
}
