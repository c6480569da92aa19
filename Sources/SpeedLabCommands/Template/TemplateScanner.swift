/// One pass over a command template: its argv words, its shell pieces with their quoting
/// context, its placeholders and whether it needs a shell.
struct TemplateScanner {
    /// Characters that make a command need `/bin/sh` when they stand outside quotes.
    static let shellCharacters: Set<Character> = [
        "|", "&", ";", "<", ">", "(", ")", "$", "`", "*", "?", "[", "#", "~", "\n",
    ]

    private let characters: [Character]
    private var index = 0
    private(set) var needsShell = false
    private(set) var placeholderNames: [String] = []
    private(set) var words: [[CommandTemplate.Piece]] = []
    private(set) var shellPieces: [(piece: CommandTemplate.Piece, quote: CommandTemplate.QuoteState)] = []

    private var word: [CommandTemplate.Piece] = []
    private var literal = ""
    private var inWord = false
    private var shellLiteral = ""

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func scan() throws(CommandError) {
        var quote = CommandTemplate.QuoteState.none
        while index < characters.count {
            let character = characters[index]
            if let name = placeholder(at: index) {
                flushShell()
                shellPieces.append((.placeholder(name), quote))
                flushLiteral()
                word.append(.placeholder(name))
                inWord = true
                if !placeholderNames.contains(name) { placeholderNames.append(name) }
                index += name.count + 2
                continue
            }
            if character == "{" || character == "}", next == character {
                literal.append(character)
                shellLiteral.append(character)
                inWord = true
                index += 2
                continue
            }
            shellLiteral.append(character)
            index += 1
            switch quote {
            case .single:
                if character == "'" { quote = .none } else { literal.append(character) }
            case .double:
                if character == "\"" {
                    quote = .none
                } else if character == "\\", let escaped = current, "$`\"\\\n".contains(escaped) {
                    shellLiteral.append(escaped)
                    literal.append(escaped)
                    index += 1
                } else {
                    if character == "$" || character == "`" { needsShell = true }
                    literal.append(character)
                }
            case .none:
                if character == "'" {
                    quote = .single
                    inWord = true
                } else if character == "\"" {
                    quote = .double
                    inWord = true
                } else if character == "\\" {
                    guard let escaped = current else { throw .trailingBackslash }
                    shellLiteral.append(escaped)
                    index += 1
                    if escaped != "\n" {
                        literal.append(escaped)
                        inWord = true
                    }
                } else if character == " " || character == "\t" {
                    endWord()
                } else {
                    if Self.shellCharacters.contains(character) { needsShell = true }
                    if character == "=" && words.isEmpty && (!literal.isEmpty || !word.isEmpty) { needsShell = true }
                    literal.append(character)
                    inWord = true
                }
            }
        }
        guard quote == .none else { throw .unterminatedQuote(quote == .single ? "'" : "\"") }
        endWord()
        flushShell()
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }
    private var next: Character? { index + 1 < characters.count ? characters[index + 1] : nil }

    /// The name of a `{name}` placeholder starting at `start` (a letter or `_`, then letters,
    /// digits or `_`), unless the brace is doubled.
    private func placeholder(at start: Int) -> String? {
        guard characters[start] == "{", start + 1 < characters.count, characters[start + 1] != "{" else { return nil }
        var end = start + 1
        var name = ""
        while end < characters.count, characters[end] != "}" {
            let character = characters[end]
            let allowed =
                character == "_" || (character.isASCII && (character.isLetter || (character.isNumber && !name.isEmpty)))
            guard allowed else { return nil }
            name.append(character)
            end += 1
        }
        guard end < characters.count, !name.isEmpty else { return nil }
        return name
    }

    private mutating func flushLiteral() {
        if !literal.isEmpty { word.append(.literal(literal)) }
        literal = ""
    }

    private mutating func flushShell() {
        if !shellLiteral.isEmpty { shellPieces.append((.literal(shellLiteral), .none)) }
        shellLiteral = ""
    }

    private mutating func endWord() {
        flushLiteral()
        if inWord { words.append(word.isEmpty ? [.literal("")] : word) }
        word = []
        inWord = false
    }
}
