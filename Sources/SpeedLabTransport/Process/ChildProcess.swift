import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, in a process group of its own (so the
/// terminal's Ctrl-C reaches only SpeedLab, which stops it), with SIGINT, SIGTERM and SIGPIPE
/// at their default actions, its stdin a pipe whose writing end only this process holds (the
/// child sees end-of-file when this process dies, even by SIGKILL), and its stdout and stderr
/// read through pipes.
final class ChildProcess: Sendable {
    let pid: pid_t
    private let stdinWriter: Int32
    private let stdoutReader: Int32
    private let stderrReader: Int32

    /// Spawns `executable` with `arguments`; throws with the reason when it cannot start.
    init(executable: String, arguments: [String]) throws(ChildProcessError) {
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard Self.closeOnExecPipe(&input), Self.closeOnExecPipe(&output), Self.closeOnExecPipe(&errors) else {
            throw .cannotSpawn(executable, reason: String(cString: strerror(errno)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unmasked = sigset_t()
        sigemptyset(&unmasked)
        posix_spawnattr_setsigmask(&attributes, &unmasked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(input[0])
        close(output[1])
        close(errors[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw .cannotSpawn(executable, reason: String(cString: strerror(status)))
        }
        self.pid = pid
        stdinWriter = input[1]
        stdoutReader = output[0]
        stderrReader = errors[0]
    }

    /// A pipe whose ends close on exec (the spawned child gets only the copies made for it).
    private static func closeOnExecPipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        return fcntl(ends[0], F_SETFD, FD_CLOEXEC) == 0 && fcntl(ends[1], F_SETFD, FD_CLOEXEC) == 0
    }

    /// The first line the child writes to stdout, or nil when it closes stdout, `timeout`
    /// passes first or the calling task is cancelled.
    func firstLine(timeout: Duration) -> String? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero, !Task.isCancelled else { return nil }
            var poller = pollfd(fd: stdoutReader, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + 1, 50))
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = read(stdoutReader, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// What the child wrote to stderr so far (read without waiting), trimmed.
    func standardError() -> String {
        _ = fcntl(stderrReader, F_SETFL, fcntl(stderrReader, F_GETFL) | O_NONBLOCK)
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(stderrReader, &buffer, buffer.count)
            guard count > 0 else { break }
            collected += buffer[0..<count]
        }
        return String(decoding: collected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes its stdin, sends SIGTERM, waits up to `grace` for it to exit, then SIGKILLs it;
    /// always reaps it.
    func stop(grace: Duration = .seconds(2)) {
        close(stdinWriter)
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: grace)
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno == ECHILD) {
                close(stdoutReader)
                close(stderrReader)
                return
            }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        close(stdoutReader)
        close(stderrReader)
    }
}

/// Why a child process could not be started.
enum ChildProcessError: Error, Sendable, Hashable {
    case cannotSpawn(String, reason: String)
}
