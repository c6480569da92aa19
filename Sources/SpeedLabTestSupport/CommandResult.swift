import Dispatch
import Foundation
import Synchronization

/// What a run of the `speedlab` binary printed and how it exited.
public struct CommandResult: Sendable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String

    public init(exitCode: Int32, stdout: String, stderr: String) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the built `speedlab` binary, as a person would from a shell.
public enum SpeedLabCommand {
    /// Runs `speedlab arguments…` in `directory` with `environment` added, and waits.
    public static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let process = try start(arguments, in: directory, environment: environment)
        let (outData, errData) = readToEnd(process)
        process.waitUntilExit()
        return CommandResult(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `speedlab arguments…` as `nobody` when the tests run as root (root ignores
    /// permission bits; `setpriv` from util-linux drops them), else as the current user.
    public static func runAsNobody(_ arguments: [String], in directory: URL) throws -> CommandResult {
        let asNobody = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let binary = FixturePaths.speedlabBinary.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asNobody.first ?? binary)
        process.arguments = Array(asNobody.dropFirst()) + (asNobody.isEmpty ? [] : [binary]) + arguments
        process.currentDirectoryURL = directory
        process.standardError = Pipe()
        process.standardOutput = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = readToEnd(process)
        process.waitUntilExit()
        return CommandResult(
            exitCode: process.terminationStatus, stdout: String(decoding: output.stdout, as: UTF8.self),
            stderr: String(decoding: output.stderr, as: UTF8.self))
    }

    /// Reads standard output and standard error of `process` together until both close. Reading
    /// one to its end first would deadlock once the other fills its pipe.
    public static func readToEnd(_ process: Process) -> (stdout: Data, stderr: Data) {
        let handles = [process.standardOutput, process.standardError].map { ($0 as? Pipe)?.fileHandleForReading }
        let collected = Mutex<[Data]>([Data(), Data()])
        let group = DispatchGroup()
        for (index, handle) in handles.enumerated() {
            guard let handle else { continue }
            DispatchQueue.global().async(group: group) {
                let data = handle.readDataToEndOfFile()
                collected.withLock { $0[index] = data }
            }
        }
        group.wait()
        let data = collected.withLock { $0 }
        return (data[0], data[1])
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
