/// Where a command's stdout goes (`output:` in a sweep file, `--output` of `speedlab bench`).
///
/// stderr goes to a file SpeedLab reads the last 4 KiB of (for failure messages), except with
/// `inherit`, which passes both streams to SpeedLab's own.
public enum OutputMode: Sendable, Hashable, CustomStringConvertible {
    /// Discarded (`/dev/null`): the default, as hyperfine's.
    case null
    /// Read through a pipe by SpeedLab and discarded (the command pays for a pipe, as in a pipeline).
    case pipe
    /// SpeedLab's own stdout and stderr.
    case inherit
    /// Appended to a file.
    case file(String)

    /// `null`, `pipe`, `inherit`, or any other word as a file path.
    public init(_ text: String) {
        switch text {
        case "null": self = .null
        case "pipe": self = .pipe
        case "inherit": self = .inherit
        default: self = .file(text)
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .pipe: return "pipe"
        case .inherit: return "inherit"
        case .file(let path): return path
        }
    }
}
