import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `speedlab-spawn --serve` that lives as long as its spawner and runs one command per
/// request, so a repetition costs a fork and an exec of the command, not a start of the helper
/// (which SwiftPM links with the Swift runtime: about 4 ms per start on the reference machine).
///
/// The request pipe is the lifeline: SpeedLab holds its writing end (close-on-exec); cancelling
/// a repetition closes it, and so does the kernel when SpeedLab dies, even by SIGKILL. The
/// helper then kills the running command's process group and exits; the next request starts a
/// new helper. One request runs at a time; a second one meanwhile gets `nil` and the caller
/// falls back to a helper of its own.
final class HelperServer: Sendable {
    /// A running helper: its pid, the request pipe's writing end (closed once, from whichever
    /// thread gets there first: cancellation or the end of the connection), the report pipe's
    /// reading end, and the file every command's stderr goes to (the helper truncates it for
    /// each command), made once rather than once per repetition.
    final class Connection: Sendable {
        let pid: pid_t
        private let requestEnd: Mutex<Int32>
        let reports: Int32
        let capture: StandardErrorCapture

        init(pid: pid_t, requests: Int32, reports: Int32, capture: StandardErrorCapture) {
            self.pid = pid
            requestEnd = Mutex(requests)
            self.reports = reports
            self.capture = capture
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
    }

    private enum State {
        case idle(Connection?)
        case busy(Connection)
    }

    private let helper: String
    private let state = Mutex<State>(.idle(nil))

    init(helper: String) {
        self.helper = helper
    }

    deinit {
        if case .idle(let connection?) = state.withLock({ $0 }) { Self.close(connection) }
    }

    /// Runs `request` on the served helper, or returns nil when it is busy with another one.
    /// `stdoutPath` is where the command's stdout goes ("" keeps SpeedLab's); its stderr goes to
    /// the connection's capture file, whose last bytes come back with the usage, unless
    /// `capturesStandardError` is false (then it is SpeedLab's).
    func run(_ request: SpawnRequest, stdoutPath: String, capturesStandardError: Bool, name: String) async throws
        -> ProcessUsage?
    {
        guard let connection = try acquire(name: name) else { return nil }
        let body = Self.encode(
            request, stdoutPath: stdoutPath, stderrPath: capturesStandardError ? connection.capture.path : "")
        // The request is written from this task (the helper is idle in its read of the pipe, so
        // the write does not wait) and the command starts at once; only the wait for the report
        // moves off the cooperative pool, and that hop overlaps the command's run.
        let outcome: Result<String, any Error> = await withTaskCancellationHandler {
            do {
                try Self.send(body, on: connection, name: name)
            } catch {
                return .failure(error)
            }
            return await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { Self.receive(on: connection) })
                }
            }
        } onCancel: {
            connection.closeRequests()
        }
        let report: String
        do {
            report = try outcome.get()
        } catch {
            discard(connection)
            throw error
        }
        guard var usage = ProcessUsage(report: report) else {
            discard(connection)
            throw SpawnedHelper.failure(report, name: name)
        }
        if capturesStandardError {
            usage.standardErrorTail = connection.capture.tail(bytes: CommandSpawner.standardErrorTailBytes)
        }
        if usage.stopped {
            discard(connection)
        } else {
            state.withLock { $0 = .idle(connection) }
        }
        return usage
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
            state = .busy(connection)
            return true
        }
        if !taken {
            if idle == nil { Self.close(connection) }
            return nil
        }
        return connection
    }

    /// Closes a connection that cannot be used again and reaps its helper.
    private func discard(_ connection: Connection) {
        Self.close(connection)
        state.withLock { $0 = .idle(nil) }
    }

    private static func close(_ connection: Connection) {
        connection.closeRequests()
        Glibc.close(connection.reports)
        connection.capture.remove()
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
        let capture: StandardErrorCapture
        do throws(CommandError) {
            capture = try StandardErrorCapture(enabled: true)
        } catch {
            for fd in requests + reports { Glibc.close(fd) }
            throw error
        }
        let pid: pid_t
        do throws(CommandError) {
            pid = try HelperLaunch.spawn(
                arguments: [helper, "--serve"], environment: nil, standardOutput: .inherit,
                descriptors: [3: requests[0], 4: reports[1]], name: name)
        } catch {
            for fd in requests + reports { Glibc.close(fd) }
            capture.remove()
            throw error
        }
        Glibc.close(requests[0])  // the helper's ends
        Glibc.close(reports[1])
        return Connection(pid: pid, requests: requests[1], reports: reports[0], capture: capture)
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

    /// Reads the report line (blocking: runs off the cooperative pool).
    private static func receive(on connection: Connection) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !bytes.contains(UInt8(ascii: "\n")) {
            let count = read(connection.reports, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
