/// A repetition of a command that failed: how the command (or its setup, prepare or
/// conclude step) ended, with the last 4 KiB of its stderr. The runner marks the point failed
/// with this message; the other points go on.
public struct CommandFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// `command`, `setup`, `prepare`, `conclude` or `cleanup`.
    public var stage: String
    public var repetition: Int
    public var usage: ProcessUsage

    public var description: String {
        let step = stage == "command" ? "the command" : "its \(stage) step"
        var text = "\(step) \(usage.ending) in repetition \(repetition)"
        let tail = usage.standardErrorTail.trimmingCharacters()
        if !tail.isEmpty { text += "; stderr (last 4 KiB): \(tail)" }
        return text
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
