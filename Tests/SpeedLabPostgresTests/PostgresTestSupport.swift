#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabPostgres
    import SpeedLabStore
    import SpeedLabTestSupport
    import Testing

    /// Small sweeps, polling and expectations shared by the PostgreSQL store's tests.
    enum PostgresTesting {
        /// A sweep of two `sequential` points (work 0 and 10), simulated I/O only: it stores
        /// `2 × (warmup + repetitions)` samples, `2 × repetitions` of them measured.
        @discardableResult
        static func sweep(
            in folder: TemporaryDirectory, name: String = "sweep.yaml", repetitions: Int, warmup: Int = 0,
            tasks: Int = 2, latencyMs: Int = 2, label: String? = nil
        ) throws -> String {
            var yaml = "name: pg-\(repetitions)\n"
            if let label { yaml += "label: \(label)\n" }
            yaml +=
                "repetitions: \(repetitions)\nwarmup: \(warmup)\nscenarios: [sequential]\nparameters:\n"
                + "  tasks: \(tasks)\n  latency_ms: \(latencyMs)\n  work: [0, 10]\n"
            return try folder.write(yaml, to: name)
        }

        /// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
        /// It sleeps with `usleep` on purpose: other tests keep the shared pool's threads busy with
        /// blocking waits, and an awaited sleep could resume seconds late.
        static func wait(upTo timeout: Duration, until condition: () -> Bool) -> Bool {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while ContinuousClock.now < deadline {
                if condition() { return true }
                usleep(50_000)
            }
            return condition()
        }

        /// Waits until `process` exits, at most `timeout`; returns whether it did.
        static func waitForExit(_ process: Process, upTo timeout: Duration) -> Bool {
            wait(upTo: timeout) { !process.isRunning }
        }

        /// The number of samples (warm-ups included) in `database`, 0 before its tables exist.
        static func storedSamples(in database: PostgresTestDatabase) -> Int {
            (try? database.integer("SELECT COUNT(*) FROM sample")) ?? 0
        }

        /// Every sample row of `database`, one line each (id, point, repetition, warm-up, wall time,
        /// checksum), to check that rows stored earlier are still there, unchanged.
        static func sampleRows(in database: PostgresTestDatabase) throws -> Set<String> {
            let text = try database.query(
                "SELECT id, pointId, repetition, isWarmup, wallNanos, checksum FROM sample ORDER BY id")
            return Set(text.split(separator: "\n").map(String.init))
        }

        /// A TCP port on 127.0.0.1 that nothing listens on: bound by the kernel's choice, then closed.
        static func closedPort() throws -> Int {
            #if canImport(Glibc)
                let stream = Int32(SOCK_STREAM.rawValue)
            #else
                let stream = SOCK_STREAM
            #endif
            let socket = Foundation.socket(AF_INET, stream, 0)
            guard socket >= 0 else { throw POSIXError(.EMFILE) }
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
                }
            }
            guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// `url` with its `sslmode` replaced by `mode`.
        static func url(_ url: String, sslMode mode: String) throws -> String {
            var components = try #require(URLComponents(string: url))
            var items = (components.queryItems ?? []).filter { $0.name != "sslmode" }
            items.append(URLQueryItem(name: "sslmode", value: mode))
            components.queryItems = items
            return try #require(components.string)
        }

        /// Expects what every refused connection looks like: the exit code, one `error:` line on
        /// standard error, nothing on standard output, and none of `secrets` anywhere.
        static func expectRefusal(
            _ result: CommandResult, exitCode: Int32, mentioning phrase: String, secrets: [String],
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            #expect(result.exitCode == exitCode, "\(result.stderr)", sourceLocation: sourceLocation)
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.count == 1, "one line expected: \(result.stderr)", sourceLocation: sourceLocation)
            #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(phrase), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
            for secret in secrets where !secret.isEmpty {
                #expect(
                    !result.stdout.contains(secret) && !result.stderr.contains(secret), "the password was printed",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// A second throw-away PostgreSQL cluster of the test's own (`scripts/throwaway-postgres.sh`),
    /// to stop and start again while a run writes to it.
    struct ThrowawayCluster {
        let folder: TemporaryDirectory
        /// The admin URL the script printed.
        private(set) var adminURL: String

        var directory: String { folder.path("cluster") }

        static let script = FixturePaths.packageRoot.appendingPathComponent("scripts/throwaway-postgres.sh")

        /// Starts a new cluster on a free port.
        static func start() throws -> ThrowawayCluster {
            var cluster = ThrowawayCluster(folder: try TemporaryDirectory(prefix: "speedlab-cluster"), adminURL: "")
            do {
                cluster.adminURL = try cluster.run("start")
                return cluster
            } catch {
                cluster.remove()
                throw error
            }
        }

        /// Starts a new cluster on a free port that serves TLS with a self-signed certificate
        /// for `localhost` (``certificate``).
        static func startTLS() throws -> ThrowawayCluster {
            var cluster = ThrowawayCluster(folder: try TemporaryDirectory(prefix: "speedlab-cluster"), adminURL: "")
            do {
                cluster.adminURL = try cluster.run("start-tls")
                return cluster
            } catch {
                cluster.remove()
                throw error
            }
        }

        /// The server's certificate (a cluster started by ``startTLS()``).
        var certificate: String { "\(directory)/server.crt" }

        /// Stops the server (fast shutdown: every session is ended).
        func stop() throws { try run("stop") }

        /// Starts the stopped server again on the same port; returns its admin URL.
        @discardableResult
        func restart() throws -> String { try run("restart") }

        /// Stops the server and removes its folder.
        func remove() {
            _ = try? stop()
            folder.remove()
        }

        /// Runs the script and returns the first line it printed.
        ///
        /// Not with `Process`: swift-corelibs-foundation learns that a child exited when a socket
        /// the child inherits is closed, and the server that `start` leaves running inherits it
        /// too, so `waitUntilExit()` would wait for the server. The script is spawned with every
        /// descriptor above 2 closed, its output in a file, and reaped with `waitpid`.
        @discardableResult
        func run(_ command: String) throws -> String {
            let output = folder.path("script-\(command).log")
            let status = try Spawn.run(["/bin/bash", Self.script.path, command, directory], output: output)
            let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            guard status == 0 else {
                throw ThrowawayClusterError(command: command, status: status, output: printed)
            }
            return printed.split(separator: "\n").first.map(String.init) ?? ""
        }
    }

    /// Runs a program and waits for it, without `Process` (see ``ThrowawayCluster/run(_:)``).
    enum Spawn {
        /// Runs `arguments` (the first is the program's path) with standard input from `/dev/null`,
        /// standard output and error into the file `output`, no other descriptor, and returns its
        /// exit status (128 + the signal when a signal ended it).
        static func run(_ arguments: [String], output: String) throws -> Int32 {
            #if os(Linux)
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
                closeDescriptorsAbove2(&actions)
                let argv = arguments.map { strdup($0) } + [nil]
                defer { for argument in argv { free(argument) } }
                var pid: pid_t = 0
                let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
                guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 {
                    guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
                }
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            #else
                throw POSIXError(.ENOTSUP)  // the throw-away cluster script is for Debian's PostgreSQL
            #endif
        }

        #if os(Linux)
            /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+, looked up at run time because
            /// Swift's Glibc module does not declare it); else a close action per descriptor open now.
            private static func closeDescriptorsAbove2(_ actions: inout posix_spawn_file_actions_t) {
                typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
                if let process = dlopen(nil, RTLD_NOW) {
                    defer { dlclose(process) }
                    if let symbol = dlsym(process, "posix_spawn_file_actions_addclosefrom_np"),
                        unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0
                    {
                        return
                    }
                }
                let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
                for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
                    posix_spawn_file_actions_addclose(&actions, descriptor)
                }
            }
        #endif
    }

    struct ThrowawayClusterError: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String

        var description: String { "throwaway-postgres.sh \(command) exited with \(status): \(output)" }
    }
#endif
