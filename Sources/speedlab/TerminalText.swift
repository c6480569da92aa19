import SpeedLabCore

/// User input made safe to print on a terminal: one line, no control characters (so a label
/// cannot move the cursor, change colours or clear the screen), and at most a given length.
enum TerminalText {
    /// `text` on one line without control characters, cut to `limit` characters with `…`.
    static func safe(_ text: String, limit: Int = .max) -> String {
        let line = HumanFormat.singleLine(text)
        guard line.count > limit, limit > 0 else { return line }
        return String(line.prefix(limit - 1)) + "…"
    }
}
