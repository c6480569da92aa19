/// One command to spawn through the helper: the resolved executable, its argv, environment,
/// working directory, timeout and where its output goes.
public struct SpawnRequest: Sendable, Hashable {
    /// The absolute path of the program.
    public var executable: String
    /// argv, the program's name first.
    public var arguments: [String]
    /// `NAME=value` entries of the environment.
    public var environment: [String]
    public var workingDirectory: String
    /// 0: no timeout.
    public var timeoutMilliseconds: Int64
    public var output: OutputMode

    public init(
        executable: String, arguments: [String], environment: [String], workingDirectory: String,
        timeoutMilliseconds: Int64 = 0, output: OutputMode = .null
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeoutMilliseconds = timeoutMilliseconds
        self.output = output
    }
}
