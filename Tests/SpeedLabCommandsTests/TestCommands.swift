import Foundation
import SpeedLabCommands
import SpeedLabCore
import SpeedLabTestSupport

/// Paths and helpers shared by the command tests: the fixture scripts and the built helper.
enum TestCommands {
    static let folder = FixturePaths.fixtures.appendingPathComponent("commands").path

    static func script(_ name: String) -> String { folder + "/" + name }

    static func spawner() throws -> CommandSpawner { try CommandSpawner() }

    /// A request for `argv` (the program resolved through PATH).
    static func request(_ argv: [String], timeoutMilliseconds: Int64 = 0, output: OutputMode = .null) throws
        -> SpawnRequest
    {
        let program = try ResolvedExecutable.resolve(
            argv[0], in: folder, path: ProcessInfo.processInfo.environment["PATH"], command: argv[0])
        return SpawnRequest(
            executable: program.path, arguments: argv,
            environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }, workingDirectory: folder,
            timeoutMilliseconds: timeoutMilliseconds, output: output)
    }

    /// Whether process `pid` still exists (a zombie counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = status.lastIndex(of: ")") else { return false }
        let state = status[status.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    /// Waits up to `seconds` for `condition`.
    static func eventually(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// A pid a fixture wrote to `path`, waited for without holding a thread of the cooperative
    /// pool (which the spawning task may need).
    static func awaitedPID(in path: String, seconds: Double = 60) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            try? await Task.sleep(for: .milliseconds(20))
        } while Date() < deadline
        return nil
    }

    /// The live processes whose argv holds `marker` (read from /proc/*/cmdline).
    static func processes(withArgument marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let argv = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = argv.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains(marker) && isAlive(pid)
        }
    }

    /// Kills what a failed test left running with `marker` in its argv.
    static func killProcesses(withArgument marker: String) {
        for pid in processes(withArgument: marker) { kill(pid, SIGKILL) }
    }
}
