/// Splits a migration file into its statements, for a server that takes one at a time.
///
/// A `;` ends a statement unless it is inside a `'…'` string, a `"…"` identifier or a `--`
/// comment; statements left with nothing but comments and blanks are dropped.
enum SQLStatements {
    static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var hasCode = false
        var quote: Character?
        var inComment = false
        var previous: Character?
        for character in sql {
            if inComment {
                if character == "\n" { inComment = false }
                current.append(character)
                previous = character
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
                previous = character
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                hasCode = true
                current.append(character)
            case "-" where previous == "-":
                inComment = true
                current.append(character)
            case ";":
                if hasCode { statements.append(current.trimmingWhitespace()) }
                current = ""
                hasCode = false
            default:
                if !character.isWhitespace && character != "-" { hasCode = true }
                current.append(character)
            }
            previous = character
        }
        if hasCode { statements.append(current.trimmingWhitespace()) }
        return statements
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
