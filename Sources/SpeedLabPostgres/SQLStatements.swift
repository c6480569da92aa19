/// Splits a migration file into its statements, for a server that takes one at a time.
///
/// A `;` ends a statement unless it is inside a `'…'` string, a `"…"` identifier, a `$$…$$`
/// function body or a `--` comment; statements left with nothing but comments and blanks are
/// dropped.
enum SQLStatements {
    static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current: [Character] = []
        var hasCode = false
        var quote: Character?
        var inDollarQuote = false
        var inComment = false
        for character in sql {
            let previous = current.last
            current.append(character)
            if inComment {
                if character == "\n" { inComment = false }
            } else if inDollarQuote {
                if character == "$", previous == "$" { inDollarQuote = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else {
                switch character {
                case "'", "\"":
                    quote = character
                    hasCode = true
                case "$" where previous == "$":
                    inDollarQuote = true
                case "-" where previous == "-":
                    inComment = true
                case ";":
                    current.removeLast()
                    if hasCode { statements.append(trimmed(current)) }
                    current = []
                    hasCode = false
                default:
                    if !character.isWhitespace && character != "-" { hasCode = true }
                }
            }
        }
        if hasCode { statements.append(trimmed(current)) }
        return statements
    }

    private static func trimmed(_ characters: [Character]) -> String {
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
