/// Why a command cannot be read, started or measured. Each message names the command and,
/// where it can, the fix.
public enum CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyCommand
    case templateTooLong(bytes: Int, limit: Int)
    case unterminatedQuote(String)
    case trailingBackslash
    /// A NUL byte in a command's text, at this character (1-based): exec cannot pass it.
    case nulByte(character: Int)
    case executableNotFound(command: String, program: String)
    case notExecutable(command: String, path: String)
    case workingDirectoryMissing(command: String, path: String)
    /// `output: FILE` names a file in a folder that does not exist.
    case outputFolderMissing(command: String, path: String)
    case helperMissing(path: String)
    case spawnFailed(command: String, reason: String)
    case helperFailed(command: String, stage: String, reason: String)

    public var description: String {
        switch self {
        case .emptyCommand:
            return "the command is empty; give the program to run and its arguments."
        case .templateTooLong(let bytes, let limit):
            return "the command has \(bytes) bytes; a command may have at most \(limit)."
        case .unterminatedQuote(let quote):
            return "the command has an unterminated \(quote) quote."
        case .trailingBackslash:
            return "the command ends in a backslash that escapes nothing."
        case .nulByte(let character):
            return "the command has a NUL byte at character \(character); exec cannot pass one to a program."
        case .executableNotFound(let command, let program):
            return "command '\(command)': '\(program)' was not found (not a path, and not in PATH)."
        case .notExecutable(let command, let path):
            return "command '\(command)': \(path) is not an executable file."
        case .workingDirectoryMissing(let command, let path):
            return "command '\(command)': the working directory \(path) does not exist."
        case .outputFolderMissing(let command, let path):
            return "command '\(command)': the folder of its output file \(path) does not exist."
        case .helperMissing(let path):
            return "the process helper speedlab-spawn is missing (looked for \(path)); build the package again, "
                + "or set SPEEDLAB_SPAWN to its path."
        case .spawnFailed(let command, let reason):
            return "command '\(command)' could not be started: \(reason)."
        case .helperFailed(let command, let stage, let reason):
            return "command '\(command)' could not be started (\(stage)): \(reason)."
        }
    }
}
