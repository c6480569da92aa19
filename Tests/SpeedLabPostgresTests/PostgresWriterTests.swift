#if PostgreSQLStore
    import Foundation
    import SpeedLabMigrations
    import SpeedLabTestSupport
    import Testing

    /// Many `speedlab` processes writing one PostgreSQL database, and one killed mid-run: every
    /// sample is kept once, every run is told apart, and a killed run is finished by `--resume`.
    @Suite(.serialized, .enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresWriterTests {
        @Test(.timeLimit(.minutes(3)))
        func eightConcurrentRunsStoreEverySampleInDistinctRunsWithDistinctUUIDs() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            var expected: [String: Int] = [:]
            var processes: [Process] = []
            for writer in 0..<8 {
                let repetitions = 2 + writer % 3
                let sweep = try PostgresTesting.sweep(
                    in: folder, name: "writer-\(writer).yaml", repetitions: repetitions, warmup: writer % 2,
                    label: "writer-\(writer)")
                expected["writer-\(writer)"] = 2 * repetitions
                processes.append(
                    try SpeedLabCommand.start(
                        ["run", sweep, "--no-report", "--no-trace", "--db", database.url], in: folder.url))
            }
            var failures: [String] = []
            for process in processes {
                let stderr = SpeedLabCommand.readToEnd(process).stderr
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    failures.append("exit \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
                }
            }
            #expect(failures.isEmpty, "\(failures)")

            let rows = try database.query(
                """
                SELECT r.label, r.status, COUNT(s.id) FROM run r JOIN point p ON p.runId = r.id
                LEFT JOIN sample s ON s.pointId = p.id AND s.isWarmup = 0
                GROUP BY r.id, r.label, r.status ORDER BY r.id
                """
            ).split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
            #expect(rows.count == 8)
            #expect(rows.allSatisfy { $0.count == 3 && $0[1] == "completed" }, "\(rows)")
            let measured = Dictionary(rows.map { ($0[0], Int($0[2]) ?? -1) }) { first, _ in first }
            #expect(measured == expected)
            #expect(
                try database.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0") == expected.values.reduce(0, +))
            #expect(try database.integer("SELECT COUNT(*) FROM run") == 8)
            #expect(try database.integer("SELECT COUNT(DISTINCT uuid) FROM run") == 8)
        }

        @Test(.timeLimit(.minutes(2)))
        func aSIGKILLedWriterReadsCrashedAndResumeCompletesItKeepingEverySample() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            // 2 points × 20 repetitions of 5 × 20 ms: about four seconds, killed well before the end.
            let sweep = try PostgresTesting.sweep(in: folder, repetitions: 20, tasks: 5, latencyMs: 20)
            let writer = try SpeedLabCommand.start(
                ["run", sweep, "--no-report", "--no-trace", "--db", database.url], in: folder.url)
            let stored = PostgresTesting.wait(upTo: .seconds(60)) {
                PostgresTesting.storedSamples(in: database) >= 3 || !writer.isRunning
            }
            #expect(stored && writer.isRunning, "the run ended before it could be killed")
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            #expect(writer.terminationReason == .uncaughtSignal)
            let before = try PostgresTesting.sampleRows(in: database)
            #expect(before.count >= 3 && before.count < 40, "\(before.count) samples before the kill")

            let runs = try SpeedLabCommand.run(["runs", "--db", database.url], in: folder.url)
            #expect(runs.exitCode == 0, "\(runs.stderr)")
            #expect(runs.stdout.contains(" crashed "), "\(runs.stdout)")
            let id = try database.integer("SELECT id FROM run")
            let resumed = try SpeedLabCommand.run(
                ["run", "--resume", String(id), "--no-report", "--no-trace", "--db", database.url], in: folder.url)
            #expect(resumed.exitCode == 0, "\(resumed.stderr)")

            #expect(try database.query("SELECT status FROM run") == "completed\n")
            #expect(try database.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0") == 40)
            let after = try PostgresTesting.sampleRows(in: database)
            #expect(before.isSubset(of: after), "a sample stored before the kill changed or vanished")
            let listed = try SpeedLabCommand.run(["runs", "--db", database.url], in: folder.url)
            #expect(listed.stdout.contains(" completed "), "\(listed.stdout)")
        }

        @Test(.timeLimit(.minutes(2)))
        func fourProcessesOpeningAFreshDatabaseAtOnceApplyEachMigrationOnce() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let processes = try (0..<4).map { _ in
                try SpeedLabCommand.start(["runs", "--db", database.url], in: folder.url)
            }
            for process in processes {
                let (stdout, stderr) = SpeedLabCommand.readToEnd(process)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "\(String(decoding: stderr, as: UTF8.self))")
                #expect(String(decoding: stdout, as: UTF8.self).hasPrefix("no runs in postgres://"))
            }
            let applied = try database.query("SELECT identifier FROM schema_migrations ORDER BY identifier")
                .split(separator: "\n").map(String.init)
            let bundled = try Migrations.postgres().map(\.identifier)
            #expect(!bundled.isEmpty)
            #expect(applied == bundled)
        }
    }
#endif
