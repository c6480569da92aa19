import Foundation

/// What a run of the `speedlab` binary printed and how it exited.
public struct CommandResult: Sendable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `speedlab` binary, as a person would from a shell.
public enum SpeedLabCommand {
    /// Runs `speedlab arguments…` in `directory` with `environment` added, and waits.
    public static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let process = try start(arguments, in: directory, environment: environment)
        let out = process.standardOutput as? Pipe
        let err = process.standardError as? Pipe
        let outData = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let errData = err?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return CommandResult(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `speedlab arguments…` without waiting (for signal tests).
    public static func start(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) throws -> Process {
        let process = Process()
        process.executableURL = FixturePaths.speedlabBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SPEEDLAB_DB")
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
