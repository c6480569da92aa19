import Foundation
import SpeedLabCore

/// Reads the machine and toolchain a run measures on: host, OS, kernel, CPU model, cores,
/// memory, Swift version, build configuration, git commit and load average.
public enum EnvironmentProbe {
    /// The build configuration of this binary: a debug build's timings mislead.
    public static var buildConfiguration: String {
        #if DEBUG
            return "debug"
        #else
            return "release"
        #endif
    }

    /// The Swift compiler this binary was built with (major.minor).
    public static var swiftVersion: String {
        #if compiler(>=6.5)
            return "6.5+"
        #elseif compiler(>=6.4)
            return "6.4"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0"
        #endif
    }

    public static func current(workingDirectory: String = FileManager.default.currentDirectoryPath) -> RunEnvironment {
        let info = ProcessInfo.processInfo
        var load = [0.0, 0.0, 0.0]
        _ = getloadavg(&load, 3)
        return RunEnvironment(
            host: info.hostName, operatingSystem: operatingSystem(), kernel: kernelRelease(), cpuModel: cpuModel(),
            logicalCores: info.activeProcessorCount, memoryBytes: Int64(info.physicalMemory),
            swiftVersion: swiftVersion, buildConfiguration: buildConfiguration, toolVersion: SpeedLabVersion.current,
            gitCommit: gitCommit(in: workingDirectory), loadAverage: load[0], processID: info.processIdentifier)
    }

    static func operatingSystem() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    static func kernelRelease() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "unknown" }
        let release = withUnsafeBytes(of: &name.release) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let system = withUnsafeBytes(of: &name.sysname) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return "\(system) \(release)"
    }

    static func cpuModel() -> String {
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return "unknown"
    }

    /// `git rev-parse HEAD` of the repository around `directory`, with `-dirty` when it has
    /// uncommitted changes; nil outside a repository or without git.
    static func gitCommit(in directory: String) -> String? {
        guard let head = runGit(["rev-parse", "HEAD"], in: directory), !head.isEmpty else { return nil }
        let dirty =
            runGit(["status", "--porcelain", "--untracked-files=no"], in: directory).map { !$0.isEmpty } ?? false
        return head + (dirty ? "-dirty" : "")
    }

    private static func runGit(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
