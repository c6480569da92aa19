#if PostgreSQLStore
    import Foundation
    import SpeedLabTestSupport
    import Testing

    /// The server goes away while a run writes to it: the run ends instead of hanging, and once
    /// the server is back `--resume` finishes it without losing a sample stored before.
    ///
    /// The test starts a throw-away cluster of its own (`scripts/throwaway-postgres.sh`), so
    /// stopping it disturbs no other test.
    @Suite(.serialized, .enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresServerLossTests {
        /// How long a run may take to notice that its server is gone and exit.
        static let noticeWithin: Duration = .seconds(30)

        @Test(.timeLimit(.minutes(3)))
        func serverStoppedMidRunEndsTheRunAndResumeCompletesItOnceTheServerIsBack() throws {
            let cluster = try ThrowawayCluster.start()
            defer { cluster.remove() }
            let database = try PostgresTestDatabase.make(on: cluster.adminURL)
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            // 2 points × 30 repetitions of 4 × 20 ms: about five seconds, stopped well before the end.
            let sweep = try PostgresTesting.sweep(in: folder, repetitions: 30, tasks: 4, latencyMs: 20)
            let writer = try SpeedLabCommand.start(
                ["run", sweep, "--no-report", "--no-trace", "--db", database.url], in: folder.url)
            let stored = PostgresTesting.wait(upTo: .seconds(60)) {
                PostgresTesting.storedSamples(in: database) >= 4 || !writer.isRunning
            }
            #expect(stored && writer.isRunning, "the run ended before the server could be stopped")

            try cluster.stop()
            let exited = PostgresTesting.waitForExit(writer, upTo: Self.noticeWithin)
            #expect(exited, "speedlab still runs \(Self.noticeWithin) after its server stopped: it hangs")
            if !exited {
                kill(writer.processIdentifier, SIGKILL)
                writer.waitUntilExit()
            } else {
                let (_, stderr) = SpeedLabCommand.readToEnd(writer)
                let errors = String(decoding: stderr, as: UTF8.self)
                #expect(writer.terminationStatus != 0, "a run whose server stopped cannot have completed")
                #expect(errors.contains("error: "), "\(errors)")
                #expect(!errors.contains(database.password ?? "-"), "the password was printed")
            }

            let url = try cluster.restart()
            #expect(url == cluster.adminURL, "the cluster came back on another port")
            let before = try PostgresTesting.sampleRows(in: database)
            #expect(before.count >= 4 && before.count < 60, "\(before.count) samples before the server stopped")
            let id = try database.integer("SELECT id FROM run")
            let resumed = try SpeedLabCommand.run(
                ["run", "--resume", String(id), "--no-report", "--no-trace", "--db", database.url], in: folder.url)
            #expect(resumed.exitCode == 0, "\(resumed.stderr)")
            #expect(try database.query("SELECT status FROM run") == "completed\n")
            #expect(try database.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0") == 60)
            let after = try PostgresTesting.sampleRows(in: database)
            #expect(before.isSubset(of: after), "a sample stored before the server stopped changed or vanished")
        }

        @Test(.timeLimit(.minutes(2)))
        func aServerThatStopsAnsweringEndsTheRunWithExit68AfterTheAnswerTimeout() throws {
            let cluster = try ThrowawayCluster.start()
            defer { cluster.remove() }
            let database = try PostgresTestDatabase.make(on: cluster.adminURL)
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let sweep = try PostgresTesting.sweep(in: folder, repetitions: 500, tasks: 4, latencyMs: 20)
            let writer = try SpeedLabCommand.start(
                ["run", sweep, "--no-report", "--no-trace", "--db", database.url], in: folder.url,
                environment: ["SPEEDLAB_DB_TIMEOUT": "2"])
            let stored = PostgresTesting.wait(upTo: .seconds(60)) {
                PostgresTesting.storedSamples(in: database) >= 4 || !writer.isRunning
            }
            #expect(stored && writer.isRunning, "the run ended before the server could be frozen")
            // Freeze every process of the cluster: its sockets stay open, nothing answers.
            let frozen = try Self.clusterProcesses(cluster)
            for pid in frozen { kill(pid, SIGSTOP) }
            defer { for pid in frozen { kill(pid, SIGCONT) } }
            let exited = PostgresTesting.waitForExit(writer, upTo: .seconds(30))
            #expect(exited, "speedlab still waits 30 s after its server stopped answering")
            guard exited else {
                kill(writer.processIdentifier, SIGKILL)
                writer.waitUntilExit()
                return
            }
            let (_, stderr) = SpeedLabCommand.readToEnd(writer)
            let errors = String(decoding: stderr, as: UTF8.self)
            #expect(writer.terminationStatus == 68, "\(errors)")
            #expect(errors.contains("no answer within 2 s"), "\(errors)")
            #expect(!errors.contains(database.password ?? "-"), "the password was printed")
        }

        /// The cluster's postmaster (from `postmaster.pid`) and its children.
        static func clusterProcesses(_ cluster: ThrowawayCluster) throws -> [pid_t] {
            let pidFile = try String(
                contentsOfFile: cluster.directory + "/data/postmaster.pid", encoding: .utf8)
            guard let master = pid_t(pidFile.split(separator: "\n").first ?? "") else { return [] }
            var pids = [master]
            for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
                guard let pid = pid_t(entry),
                    let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { continue }
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.count > 1, pid_t(fields[1]) == master { pids.append(pid) }
            }
            return pids
        }
    }
#endif
