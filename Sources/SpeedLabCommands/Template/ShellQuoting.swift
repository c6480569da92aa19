/// Quoting of substituted values for `/bin/sh`, so a value is one literal word whatever it
/// holds (quotes, `;`, `$(…)`, newlines).
enum ShellQuoting {
    /// `'…'` with each `'` written as `'\''`: nothing inside single quotes is special.
    static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The value inside an existing pair of double quotes: `$`, `` ` ``, `"` and `\` escaped.
    static func escapeInDoubleQuotes(_ value: String) -> String {
        var result = ""
        for character in value {
            if "$`\"\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
