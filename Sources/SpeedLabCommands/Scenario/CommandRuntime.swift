import Foundation
import Synchronization

/// What the command points of one run share: the spawner, the programs already resolved and
/// hashed, and the shell's start-up cost, measured once during the run when a point needs it.
public final class CommandRuntime: Sendable {
    /// Runs of `/bin/sh -c ''` whose median is the shell overhead (after 3 warm-ups).
    public static let overheadRuns = 21
    public static let shell = "/bin/sh"

    private let spawnerResult: Result<CommandSpawner, CommandError>
    private let resolved = Mutex<[String: ResolvedExecutable]>([:])
    private let overhead = Mutex<ShellOverhead?>(nil)
    private let warned = Mutex<Set<String>>([])
    private let startedPoints = Mutex<Set<String>>([])
    private let finishedPoints = Mutex<Set<String>>([])

    /// SpeedLab's environment as `NAME=value` entries, read once per run (not once per
    /// repetition), without the `SPEEDLAB_` variables a command point sets itself.
    let baseEnvironment: [String] = ProcessInfo.processInfo.environment
        .filter { name, _ in
            !name.hasPrefix("SPEEDLAB_PARAM_")
                && !["SPEEDLAB_REPETITION", "SPEEDLAB_WARMUP", "SPEEDLAB_METRICS"].contains(name)
        }
        .map { "\($0.key)=\($0.value)" }.sorted()

    public init(helper: String? = nil) {
        do throws(CommandError) {
            spawnerResult = .success(try CommandSpawner(helper: helper))
        } catch {
            spawnerResult = .failure(error)
        }
    }

    public func spawner() throws(CommandError) -> CommandSpawner { try spawnerResult.get() }

    /// `program` resolved in `directory` (cached: a run hashes each program once).
    public func resolve(_ program: String, in directory: String, command: String) throws(CommandError)
        -> ResolvedExecutable
    {
        let key = directory + "\u{0}" + program
        if let known = resolved.withLock({ $0[key] }) { return known }
        let found = try ResolvedExecutable.resolve(
            program, in: directory, path: ProcessInfo.processInfo.environment["PATH"], command: command)
        resolved.withLock { $0[key] = found }
        return found
    }

    /// The median wall, user and system time of `/bin/sh -c ''` under the same helper, measured
    /// on first use (3 warm-ups, then ``overheadRuns`` runs).
    public func shellOverhead() async throws -> ShellOverhead {
        if let known = overhead.withLock({ $0 }) { return known }
        let spawner = try spawner()
        let request = SpawnRequest(
            executable: Self.shell, arguments: [Self.shell, "-c", ""], environment: [],
            workingDirectory: FileManager.default.currentDirectoryPath)
        var usages: [ProcessUsage] = []
        for run in 0..<(Self.overheadRuns + 3) {
            let usage = try await spawner.run(request, name: "/bin/sh -c ''")
            if run >= 3 { usages.append(usage) }
        }
        func median(_ values: [Int64]) -> Int64 { values.sorted()[values.count / 2] }
        let measured = ShellOverhead(
            wallNanos: median(usages.map(\.wallNanos)), userNanos: median(usages.map(\.userNanos)),
            systemNanos: median(usages.map(\.systemNanos)))
        overhead.withLock { $0 = measured }
        return measured
    }

    /// Whether `warning` is new in this run (a warning repeated every repetition is said once).
    func isNewWarning(_ warning: String) -> Bool {
        warned.withLock { $0.insert(warning).inserted }
    }

    /// Whether this is the first time `point` asks (its setup runs then).
    func firstUse(of point: String) -> Bool {
        startedPoints.withLock { $0.insert(point).inserted }
    }

    /// Whether `point`'s cleanup is due now: it started (its setup began) in this run and its
    /// cleanup has not been claimed before. True once per point.
    func claimCleanup(of point: String) -> Bool {
        guard startedPoints.withLock({ $0.contains(point) }) else { return false }
        return finishedPoints.withLock { $0.insert(point).inserted }
    }
}

/// What `/bin/sh -c ''` costs under the helper: subtracted from every repetition of a command
/// that runs under the shell.
public struct ShellOverhead: Sendable, Hashable {
    public var wallNanos: Int64
    public var userNanos: Int64
    public var systemNanos: Int64
}
