import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One running `speedlab-spawn`: its pid, the lifeline SpeedLab holds, the report it will
/// write, and (with `output: pipe`) the reader that drains the command's stdout.
final class SpawnedHelper: Sendable {
    private let pid: pid_t
    /// The lifeline's writing end; -1 once closed. Guarded, since cancellation closes it from
    /// another thread while `wait` runs.
    private let lifeline: Mutex<Int32>
    private let report: Int32
    private let drain: Int32

    init(helper: String, request: SpawnRequest, standardError: Int32, name: String) throws(CommandError) {
        var lifelinePipe: [Int32] = [-1, -1]
        var reportPipe: [Int32] = [-1, -1]
        var drainPipe: [Int32] = [-1, -1]
        guard closeOnExecPipe(&lifelinePipe) else { throw .spawnFailed(command: name, reason: errnoText()) }
        guard closeOnExecPipe(&reportPipe) else {
            Self.closeAll(lifelinePipe)
            throw .spawnFailed(command: name, reason: errnoText())
        }
        if request.output == .pipe {
            guard closeOnExecPipe(&drainPipe) else {
                Self.closeAll(lifelinePipe + reportPipe)
                throw .spawnFailed(command: name, reason: errnoText())
            }
        }
        let standardOutput: HelperLaunch.StandardOutput =
            switch request.output {
            case .null: .file("/dev/null")
            case .inherit: .inherit
            case .pipe: .descriptor(drainPipe[1])
            case .file(let path): .file(path)
            }
        var descriptors: [Int32: Int32] = [3: lifelinePipe[0], 4: reportPipe[1]]
        if standardError >= 0 { descriptors[2] = standardError }
        let arguments =
            [helper, String(request.timeoutMilliseconds), request.workingDirectory, request.executable]
            + request.arguments.dropFirst()
        let pid: pid_t
        do throws(CommandError) {
            pid = try HelperLaunch.spawn(
                arguments: arguments, environment: request.environment, standardOutput: standardOutput,
                descriptors: descriptors, name: name)
        } catch {
            Self.closeAll(lifelinePipe + reportPipe + drainPipe)
            throw error
        }
        Self.closeAll([lifelinePipe[0], reportPipe[1], drainPipe[1]])  // the helper's ends
        self.pid = pid
        lifeline = Mutex(lifelinePipe[1])
        report = reportPipe[0]
        drain = request.output == .pipe ? drainPipe[0] : -1
    }

    /// Reads the helper's report until it closes it, then reaps the helper.
    func wait(name: String) throws -> ProcessUsage {
        let drained = drain >= 0 ? Self.startDraining(drain) : nil
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = read(report, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        close(report)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        drained?.wait()
        stop()
        let text = String(decoding: bytes, as: UTF8.self)
        if let usage = ProcessUsage(report: text) { return usage }
        throw Self.failure(text, name: name)
    }

    /// Closes the lifeline: the helper kills the command's process group.
    func stop() {
        lifeline.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    static func failure(_ report: String, name: String) -> CommandError {
        var stage = "speedlab-spawn"
        var code: Int32 = 0
        for pair in report.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "error" { stage = parts[1] }
            if parts[0] == "errno" { code = Int32(parts[1]) ?? 0 }
        }
        let reason = code == 0 ? "the helper ended without a report" : errnoText(code)
        return .helperFailed(command: name, stage: stage, reason: reason)
    }

    /// Reads and discards everything from `fd` on another thread; the group is left when it ends.
    private static func startDraining(_ fd: Int32) -> DispatchGroup {
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
            }
            close(fd)
        }
        return group
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }
}

/// glibc's `pipe2`, which the Glibc module does not export: both ends close on exec atomically,
/// so a child another thread spawns meanwhile can never inherit the lifeline (it would keep the
/// helper from seeing end-of-file when SpeedLab dies).
@_silgen_name("pipe2")
private func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
    fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) } == 0
}
