import Dispatch
import SpeedLabCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `speedlab-spawn --serve` that lives as long as its spawner and runs one command per
/// request, so a repetition costs a launch of the command, not a start of the helper.
///
/// The request pipe is the lifeline: SpeedLab holds its writing end (close-on-exec); cancelling
/// a repetition closes it, and so does the kernel when SpeedLab dies, even by SIGKILL. The
/// helper then kills the running command's process group and exits (a request queued behind
/// it never runs); the next request starts a new helper.
///
/// One caller at a time: a request from elsewhere while one is outstanding gets `nil`, and that
/// caller falls back to a helper of its own. The caller that holds the outstanding
/// ``Submission`` may queue one more behind it (``submit(_:stdoutPath:capturesStandardError:name:after:)``):
/// the helper reads it as soon as it has reported the first, so the next repetition starts
/// while SpeedLab is still turning the last report into a sample. Reports come back in order.
final class HelperServer: Sendable {
    /// A running helper: its pid, the request pipe's writing end (closed once, from whichever
    /// thread gets there first: cancellation or the end of the connection), the report pipe's
    /// reading end with the bytes read past the last report line, and two files for the
    /// commands' stderr (the helper truncates one for each command), alternated so that a
    /// command queued behind another never truncates the stderr of the one whose report is
    /// still being read.
    final class Connection: Sendable {
        let pid: pid_t
        private let requestEnd: Mutex<Int32>
        let reports: Int32
        private let unread = Mutex<[UInt8]>([])
        let captures: [StandardErrorCapture]
        private let submitted = Atomic<Int>(0)

        init(pid: pid_t, requests: Int32, reports: Int32, captures: [StandardErrorCapture]) {
            self.pid = pid
            requestEnd = Mutex(requests)
            self.reports = reports
            self.captures = captures
        }

        /// The request pipe's writing end, or -1 once closed.
        var requests: Int32 { requestEnd.withLock { $0 } }

        /// Closes the lifeline: the helper kills the running command's group and exits.
        func closeRequests() {
            requestEnd.withLock { fd in
                if fd >= 0 { Glibc.close(fd) }
                fd = -1
            }
        }

        /// The stderr file of the next request (they alternate).
        func nextCapture() -> StandardErrorCapture {
            captures[submitted.add(1, ordering: .relaxed).oldValue % captures.count]
        }

        /// Reads the next report line (blocking: runs off the cooperative pool); "" when the
        /// helper is gone.
        func readReport() -> String {
            var bytes = unread.withLock { $0 }
            var buffer = [UInt8](repeating: 0, count: 512)
            while !bytes.contains(UInt8(ascii: "\n")) {
                let count = read(reports, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                bytes += buffer[0..<count]
            }
            guard let end = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
                unread.withLock { $0 = [] }
                return String(decoding: bytes, as: UTF8.self)
            }
            unread.withLock { $0 = Array(bytes[(end + 1)...]) }
            return String(decoding: bytes[...end], as: UTF8.self)
        }
    }

    /// A request written to the helper, whose report ``report(of:name:)`` waits for.
    final class Submission: Sendable {
        let connection: Connection
        /// Where its stderr goes, or nil when stderr is not captured.
        let capture: StandardErrorCapture?

        init(connection: Connection, capture: StandardErrorCapture?) {
            self.connection = connection
            self.capture = capture
        }
    }

    /// The largest request queued behind a running one: well within a pipe's 64 KiB, so its
    /// write never waits for the helper.
    static let largestQueuedRequest = 32_768

    private enum State {
        case idle(Connection?)
        /// Requests written whose reports are not read yet (1, or 2 with one queued).
        case busy(Connection, outstanding: Int)
    }

    private let helper: String
    private let state = Mutex<State>(.idle(nil))

    init(helper: String) {
        self.helper = helper
    }

    deinit {
        switch state.withLock({ $0 }) {
        case .idle(let connection?), .busy(let connection, _): Self.close(connection)
        case .idle(nil): break
        }
    }

    /// Runs `request` on the served helper, or returns nil when it is busy with another one.
    /// `stdoutPath` is where the command's stdout goes ("" keeps SpeedLab's); its stderr goes to
    /// a capture file of the connection, whose last bytes come back with the usage, unless
    /// `capturesStandardError` is false (then it is SpeedLab's).
    func run(_ request: SpawnRequest, stdoutPath: String, capturesStandardError: Bool, name: String) async throws
        -> ProcessUsage?
    {
        guard
            let submission = try submit(
                request, stdoutPath: stdoutPath, capturesStandardError: capturesStandardError, name: name, after: nil)
        else { return nil }
        return try await report(of: submission, name: name)
    }

    /// Writes `request` to the helper: on an idle connection (`previous` nil), or queued behind
    /// `previous`, whose report is not read yet. Nil when the helper is busy with another
    /// caller's request, or `previous` is not the one outstanding request of the connection.
    /// The write is made from the calling task (the helper reads requests as it takes them, and
    /// a pipe holds 64 KiB), so the command starts at once.
    func submit(
        _ request: SpawnRequest, stdoutPath: String, capturesStandardError: Bool, name: String,
        after previous: Submission?
    ) throws -> Submission? {
        let connection: Connection
        if let previous {
            let queued = state.withLock { state -> Bool in
                guard case .busy(let current, 1) = state, current === previous.connection else { return false }
                state = .busy(current, outstanding: 2)
                return true
            }
            guard queued else { return nil }
            connection = previous.connection
        } else {
            guard let idle = try acquire(name: name) else { return nil }
            connection = idle
        }
        let capture = capturesStandardError ? connection.nextCapture() : nil
        let body = Self.encode(request, stdoutPath: stdoutPath, stderrPath: capture?.path ?? "")
        if previous != nil, body.count > Self.largestQueuedRequest {
            // The helper reads a queued request only after the running command ends: a request
            // larger than the pipe holds would block this thread until then.
            state.withLock { state in
                if case .busy(let current, 2) = state, current === connection { state = .busy(current, outstanding: 1) }
            }
            return nil
        }
        do {
            try Self.send(body, on: connection, name: name)
        } catch {
            discard(connection)
            throw error
        }
        return Submission(connection: connection, capture: capture)
    }

    /// Waits for the report of `submission` (the oldest outstanding one) and returns the
    /// command's usage. A cancelled task closes the lifeline: the helper stops the command
    /// (and never runs one queued behind it), and the usage says `stopped`.
    func report(of submission: Submission, name: String) async throws -> ProcessUsage {
        let connection = submission.connection
        let report = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: connection.readReport()) }
            }
        } onCancel: {
            connection.closeRequests()
        }
        guard var usage = ProcessUsage(report: report) else {
            discard(connection)
            throw SpawnedHelper.failure(report, name: name)
        }
        if let capture = submission.capture {
            usage.standardErrorTail = capture.tail(bytes: CommandSpawner.standardErrorTailBytes)
        }
        if usage.stopped {
            discard(connection)
        } else {
            state.withLock { state in
                guard case .busy(let current, let outstanding) = state, current === connection else { return }
                state = outstanding > 1 ? .busy(current, outstanding: outstanding - 1) : .idle(current)
            }
        }
        return usage
    }

    /// Gives up on `submission` without waiting for it: the lifeline closes, the helper kills
    /// its command (and anything queued) and exits, and the next request starts a new helper.
    func abandon(_ submission: Submission) {
        discard(submission.connection)
    }

    private func acquire(name: String) throws(CommandError) -> Connection? {
        let current: Connection?? = state.withLock { state in
            switch state {
            case .busy: return .none
            case .idle(let connection): return .some(connection)
            }
        }
        guard let idle = current else { return nil }
        let connection: Connection
        if let idle {
            connection = idle
        } else {
            connection = try start(name: name)
        }
        let taken = state.withLock { state -> Bool in
            if case .busy = state { return false }
            state = .busy(connection, outstanding: 1)
            return true
        }
        if !taken {
            if idle == nil { Self.close(connection) }
            return nil
        }
        return connection
    }

    /// Closes a connection that cannot be used again and reaps its helper; the server is idle
    /// with no connection afterwards, unless it moved on to another one already. Idempotent.
    private func discard(_ connection: Connection) {
        let ours = state.withLock { state -> Bool in
            switch state {
            case .idle(let current?), .busy(let current, _):
                guard current === connection else { return false }
                state = .idle(nil)
                return true
            case .idle(nil):
                return false
            }
        }
        if ours { Self.close(connection) }
    }

    private static func close(_ connection: Connection) {
        connection.closeRequests()
        Glibc.close(connection.reports)
        for capture in connection.captures { capture.remove() }
        var status: Int32 = 0
        while waitpid(connection.pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Starts `speedlab-spawn --serve` with stdin from /dev/null and SpeedLab's stdout and stderr.
    private func start(name: String) throws(CommandError) -> Connection {
        var requests: [Int32] = [-1, -1]
        var reports: [Int32] = [-1, -1]
        guard closeOnExecPipe(&requests) else { throw .spawnFailed(command: name, reason: errnoText()) }
        guard closeOnExecPipe(&reports) else {
            for fd in requests { Glibc.close(fd) }
            throw .spawnFailed(command: name, reason: errnoText())
        }
        var captures: [StandardErrorCapture] = []
        do throws(CommandError) {
            for _ in 0..<2 { captures.append(try StandardErrorCapture(enabled: true)) }
        } catch {
            for fd in requests + reports { Glibc.close(fd) }
            for capture in captures { capture.remove() }
            throw error
        }
        let pid: pid_t
        do throws(CommandError) {
            pid = try HelperLaunch.spawn(
                arguments: [helper, "--serve"] + Self.openFilesArguments, environment: nil, standardOutput: .inherit,
                descriptors: [3: requests[0], 4: reports[1]], name: name)
        } catch {
            for fd in requests + reports { Glibc.close(fd) }
            for capture in captures { capture.remove() }
            throw error
        }
        Glibc.close(requests[0])  // the helper's ends
        Glibc.close(reports[1])
        return Connection(pid: pid, requests: requests[1], reports: reports[0], captures: captures)
    }

    /// Commands start under the open-file limit SpeedLab was started with, even when a run's
    /// real I/O raised SpeedLab's own: the helper lowers its soft limit back before serving.
    static var openFilesArguments: [String] {
        OpenFileLimit.startedWith.map { ["--open-files", String($0)] } ?? []
    }

    /// A request: its length (4 bytes, native order), then NUL-terminated fields (a NUL inside
    /// a field is dropped). Built in one buffer, each field's UTF-8 copied in whole: a request
    /// carries SpeedLab's whole environment, once per repetition.
    static func encode(_ request: SpawnRequest, stdoutPath: String, stderrPath: String) -> [UInt8] {
        var body: [UInt8] = [0, 0, 0, 0]
        var size = 4 + request.executable.utf8.count + 64 + request.workingDirectory.utf8.count
        size += stdoutPath.utf8.count + stderrPath.utf8.count
        for field in request.arguments { size += field.utf8.count + 1 }
        for field in request.environment { size += field.utf8.count + 1 }
        body.reserveCapacity(size)
        func append(_ field: String) {
            let start = body.count
            body.append(contentsOf: field.utf8)
            if body[start...].contains(0) {
                let kept = body[start...].filter { $0 != 0 }
                body.replaceSubrange(start..., with: kept)
            }
            body.append(0)
        }
        append(String(request.timeoutMilliseconds))
        append(request.workingDirectory)
        append(stdoutPath)
        append(stderrPath)
        append(request.executable)
        append(String(request.arguments.count))
        append(request.executable)
        for argument in request.arguments.dropFirst() { append(argument) }
        append(String(request.environment.count))
        for entry in request.environment { append(entry) }
        var length = UInt32(body.count - 4)
        withUnsafeBytes(of: &length) { bytes in
            for index in 0..<4 { body[index] = bytes[index] }
        }
        return body
    }

    /// Writes the request to the helper's pipe.
    private static func send(_ body: [UInt8], on connection: Connection, name: String) throws {
        var written = 0
        while written < body.count {
            let fd = connection.requests
            guard fd >= 0 else { throw CancellationError() }
            let count = body[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw CommandError.helperFailed(command: name, stage: "request", reason: errnoText())
            }
            written += count
        }
    }
}
