#if canImport(Glibc)
    import Glibc
#endif

/// The one place SpeedLab calls `posix_spawn`: it starts `speedlab-spawn` (served or for one
/// command) with stdin from `/dev/null`, stdout as asked, the given descriptors on their
/// numbers (the lifeline on 3 and the report pipe on 4, stderr on 2), and the signals the
/// helper handles reset to their defaults with none blocked, whatever SpeedLab set for itself.
enum HelperLaunch {
    /// Where the helper's stdout (and so, unless a request says otherwise, the command's) goes.
    enum StandardOutput {
        case inherit
        /// Opened for appending, created when missing (`/dev/null` for `output: null`).
        case file(String)
        /// Duplicated from this descriptor (a pipe's writing end).
        case descriptor(Int32)
    }

    /// Spawns `arguments` (the helper's path first) and returns its pid. `descriptors` maps a
    /// number in the helper to a descriptor here; the caller keeps and closes its own.
    static func spawn(
        arguments: [String], environment: [String]?, standardOutput: StandardOutput, descriptors: [Int32: Int32],
        name: String
    ) throws(CommandError) -> pid_t {
        var targets = descriptors
        if case .descriptor(let fd) = standardOutput { targets[1] = fd }
        // Sources above 4, so no dup2 below copies a descriptor onto itself (which would keep
        // its close-on-exec flag) or onto a number another source still needs.
        var sources: [Int32: Int32] = [:]
        for (target, source) in targets { sources[target] = above4(source) }
        defer {
            for (target, source) in sources where source != targets[target] { close(source) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if case .file(let path) = standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        }
        for (target, source) in sources.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unmasked = sigset_t()
        sigemptyset(&unmasked)
        posix_spawnattr_setsigmask(&attributes, &unmasked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            for pointer in argv + (envp ?? []) { free(pointer) }
        }
        var pid = pid_t()
        let status =
            if let envp {
                posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
            } else {
                posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
            }
        guard status == 0 else { throw .spawnFailed(command: name, reason: "speedlab-spawn: \(errnoText(status))") }
        return pid
    }

    private static func above4(_ fd: Int32) -> Int32 {
        guard fd <= 4 else { return fd }
        return fcntl(fd, F_DUPFD_CLOEXEC, 5)
    }
}
