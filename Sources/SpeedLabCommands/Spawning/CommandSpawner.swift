import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs commands through `speedlab-spawn` and returns what each used.
///
/// The helper is `posix_spawn`ed with stdin from `/dev/null`, stdout as the request says,
/// stderr into a capture file, a lifeline pipe on fd 3 and a report pipe on fd 4. SpeedLab
/// keeps the lifeline's writing end (close-on-exec, so no other child holds it): cancelling
/// the awaiting task closes it, and so does the kernel when SpeedLab dies, even by SIGKILL;
/// either way the helper kills the command's whole process group.
public struct CommandSpawner: Sendable {
    /// The helper's path.
    public let helper: String
    /// The helper that lives for this spawner's lifetime and runs one command per request.
    private let server: HelperServer
    /// Longest stderr tail kept with a failure.
    public static let standardErrorTailBytes = 4_096

    /// The helper at `helper`, or the one `SPEEDLAB_SPAWN` names, or `speedlab-spawn` beside
    /// the running executable (so `.build/debug/speedlab` and the test bundle both find it).
    public init(helper: String? = nil) throws(CommandError) {
        let path = helper ?? Self.defaultHelperPath()
        guard access(path, X_OK) == 0 else { throw .helperMissing(path: path) }
        self.helper = path
        server = HelperServer(helper: path)
    }

    static func defaultHelperPath() -> String {
        if let path = ProcessInfo.processInfo.environment["SPEEDLAB_SPAWN"], !path.isEmpty { return path }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("speedlab-spawn").path
    }

    /// Spawns `request`, waits for it off the cooperative pool and returns its usage. A
    /// cancelled task stops the command (its process group is killed) and throws
    /// `CancellationError`.
    public func run(_ request: SpawnRequest, name: String) async throws -> ProcessUsage {
        if let stdoutPath = Self.servedStdout(request.output),
            let usage = try await server.run(
                request, stdoutPath: stdoutPath, capturesStandardError: request.output != .inherit, name: name)
        {
            if usage.stopped && Task.isCancelled { throw CancellationError() }
            return usage
        }
        let capture = try StandardErrorCapture(enabled: request.output != .inherit)
        defer { capture.remove() }
        let child = try SpawnedHelper(helper: helper, request: request, standardError: capture.descriptor, name: name)
        let usage: ProcessUsage = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try child.wait(name: name) })
                }
            }
        } onCancel: {
            child.stop()
        }
        if usage.stopped && Task.isCancelled { throw CancellationError() }
        var result = usage
        result.standardErrorTail = capture.tail(bytes: Self.standardErrorTailBytes)
        return result
    }
}

/// A command started through a ``CommandSpawner`` and not yet waited for: written to the
/// served helper, or (output the served helper cannot give, or a busy one) to be run by a
/// helper of its own when it is collected.
public struct LaunchedCommand: Sendable {
    enum Kind: Sendable {
        case served(HelperServer.Submission)
        case own(SpawnRequest)
    }

    let kind: Kind
    let name: String
}

extension CommandSpawner {
    /// Starts `request` on the served helper without waiting for it, when its output can be
    /// served and the helper is free; otherwise it runs, on a helper of its own, when collected.
    public func launch(_ request: SpawnRequest, name: String) throws -> LaunchedCommand {
        if let stdoutPath = Self.servedStdout(request.output),
            let submission = try server.submit(
                request, stdoutPath: stdoutPath, capturesStandardError: request.output != .inherit, name: name,
                after: nil)
        {
            return LaunchedCommand(kind: .served(submission), name: name)
        }
        return LaunchedCommand(kind: .own(request), name: name)
    }

    /// Queues `request` on the served helper behind `previous`, to start the moment it ends;
    /// nil when `previous` is not the served helper's one outstanding command, or the request
    /// cannot be queued (output not served, or too large to queue).
    public func launch(_ request: SpawnRequest, name: String, after previous: LaunchedCommand) -> LaunchedCommand? {
        guard case .served(let earlier) = previous.kind, let stdoutPath = Self.servedStdout(request.output),
            let submission = try? server.submit(
                request, stdoutPath: stdoutPath, capturesStandardError: request.output != .inherit, name: name,
                after: earlier)
        else { return nil }
        return LaunchedCommand(kind: .served(submission), name: name)
    }

    /// Waits for a launched command and returns its usage. A cancelled task stops the command
    /// (its process group is killed) and throws `CancellationError`.
    public func collect(_ launched: LaunchedCommand) async throws -> ProcessUsage {
        switch launched.kind {
        case .served(let submission):
            let usage = try await server.report(of: submission, name: launched.name)
            if usage.stopped && Task.isCancelled { throw CancellationError() }
            return usage
        case .own(let request):
            return try await run(request, name: launched.name)
        }
    }

    /// Gives up on a launched command: the served helper kills it (and anything queued behind
    /// it) and exits.
    public func abandon(_ launched: LaunchedCommand) {
        if case .served(let submission) = launched.kind { server.abandon(submission) }
    }
}

extension CommandSpawner {
    /// Where the served helper sends stdout ("" keeps SpeedLab's), or nil for `pipe`, which a
    /// helper of its own handles.
    static func servedStdout(_ output: OutputMode) -> String? {
        switch output {
        case .null: return "/dev/null"
        case .inherit: return ""
        case .file(let path): return path
        case .pipe: return nil
        }
    }
}

/// The file a command's stderr goes to, from which the tail of a failure is read.
struct StandardErrorCapture: Sendable {
    let descriptor: Int32
    /// The file's path ("" when stderr is not captured).
    let path: String

    init(enabled: Bool) throws(CommandError) {
        guard enabled else {
            descriptor = -1
            path = ""
            return
        }
        var template = Array((NSTemporaryDirectory() + "/speedlab-stderr-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .spawnFailed(command: "", reason: "cannot create a stderr file: \(errnoText())") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The last `bytes` bytes written, decoded as UTF-8 with invalid bytes replaced.
    func tail(bytes: Int) -> String {
        guard descriptor >= 0 else { return "" }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return "" }
        let start = max(0, size - off_t(bytes))
        var buffer = [UInt8](repeating: 0, count: Int(size - start))
        let count = pread(descriptor, &buffer, buffer.count, start)
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    func remove() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        unlink(path)
    }
}

func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
