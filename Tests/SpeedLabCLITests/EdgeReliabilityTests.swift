import Foundation
import GRDB
import SpeedLabTestSupport
import Testing

/// The edges of reliability, each caused for real against the built binary: kills in the
/// first moments of a run, resumes that must not complete a run holding nothing, held write
/// locks, damaged and read-only databases, bad paths and values, labels that would break
/// output, and runs recorded elsewhere.
@Suite(.serialized) struct EdgeReliabilityTests {
    typealias R = ReliabilityTests

    /// Two points of 20 repetitions after one warm-up (about 30 ms each): `complete` measured
    /// samples when complete, and about a second and a half to interrupt it in.
    static func sweep(_ folder: TemporaryDirectory, label: String? = nil) throws -> String {
        try folder.write(
            "name: edge\n" + (label.map { "label: \"\($0)\"\n" } ?? "")
                + "repetitions: 20\nwarmup: 1\nscenarios: [sequential]\nparameters:\n  tasks: 2\n  latency_ms: 15\n"
                + "  work: [0, 10]\n",
            to: "edge.yaml")
    }

    static let complete = 40

    /// Runs `sweep` and sends `signal` once the run has stored `samples` samples; returns the
    /// database path once the process has exited.
    static func run(
        _ sweep: String, in folder: TemporaryDirectory, stoppedBy signal: Int32, afterSamples samples: Int
    ) async throws -> String {
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let db = folder.path("speedlab.sqlite")
        try await R.waitForSamples(samples, in: db)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return db
    }

    /// Runs `sweep` and sends `signal` after `milliseconds` (a blocking sleep: an awaited one
    /// may resume late on a busy pool); returns the exited process and the database path.
    static func run(
        _ sweep: String, in folder: TemporaryDirectory, stoppedBy signal: Int32, afterMilliseconds milliseconds: Int
    ) throws -> (Process, String) {
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        usleep(UInt32(milliseconds) * 1_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process, folder.path("speedlab.sqlite"))
    }

    /// Changes the database as another program (or a person with `sqlite3`) would.
    static func execute(_ sql: String, in path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// Holds SQLite's write lock on `path` (as another writer mid-transaction does) until released.
    final class WriteLockHolder {
        let queue: DatabaseQueue

        init(path: String) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true  // the point: a transaction left open
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        }

        func release() throws {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            try queue.close()
        }
    }

    @Test(.timeLimit(.minutes(5)), arguments: [0, 25, 50, 75, 100, 150])
    func aKillInTheFirstMomentsLeavesARunThatResumesToEverySample(afterMilliseconds delay: Int) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let (_, db) = try Self.run(sweep, in: folder, stoppedBy: SIGKILL, afterMilliseconds: delay)
        guard FileManager.default.fileExists(atPath: db), (try? R.integer("SELECT COUNT(*) FROM run", in: db)) == 1
        else {
            return  // killed before the run was opened: nothing to resume
        }
        #expect(try R.text("PRAGMA integrity_check", in: db) == "ok")
        let resumed = try SpeedLabCommand.run(["run", "--resume", "1", "--no-report"], in: folder.url)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(try R.integer("SELECT COUNT(*) FROM point", in: db) == 2, "a resumed run registers every point")
        #expect(try R.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == Self.complete)
        #expect(try R.text("SELECT status FROM run", in: db) == "completed")
    }

    @Test(.timeLimit(.minutes(5)), arguments: [(0, SIGINT), (30, SIGTERM), (60, SIGINT), (120, SIGTERM)])
    func aSignalAtAnyMomentAfterTheRunOpensMarksItInterrupted(afterMilliseconds delay: Int, signal: Int32)
        async throws
    {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let (process, db) = try Self.run(sweep, in: folder, stoppedBy: signal, afterMilliseconds: delay)
        guard FileManager.default.fileExists(atPath: db), (try? R.integer("SELECT COUNT(*) FROM run", in: db)) == 1
        else {
            return
        }
        #expect(process.terminationReason == .exit, "a run that was opened is never killed by the signal")
        #expect(["interrupted", "completed"].contains(try R.text("SELECT status FROM run", in: db) ?? ""))
    }

    @Test(.timeLimit(.minutes(2)))
    func resumeDryRunMeasuresAndWritesNothing() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let db = try await Self.run(sweep, in: folder, stoppedBy: SIGKILL, afterSamples: 3)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let samples = try R.integer("SELECT COUNT(*) FROM sample", in: db)
        let dry = try SpeedLabCommand.run(["run", "--resume", "1", "--dry-run"], in: folder.url)
        #expect(dry.exitCode == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("run 1 is crashed: resuming it would measure"), "\(dry.stdout)")
        #expect(try R.integer("SELECT COUNT(*) FROM sample", in: db) == samples)
        #expect(try R.text("SELECT status FROM run", in: db) == "running", "left as the killed process left it")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test(.timeLimit(.minutes(2)))
    func aDryRunOfTenThousandPointsAndAHundredThousandRepetitionsCountsWithoutBuildingJobs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let values = (1...100).map(String.init).joined(separator: ", ")
        let sweep = try folder.write(
            "name: big\nscenarios: [sequential]\nparameters:\n  tasks: [\(values)]\n  work: [\(values)]\n  latency_ms: 1\n",
            to: "big.yaml")
        let result = try SpeedLabCommand.run(
            ["run", sweep, "--repetitions", "100000", "--dry-run"], in: folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("10000 points × (1 warm-up + 100000 measured) = 1000010000 samples"))
        #expect(!result.stdout.contains("at least -"), "the estimate is never negative")
        #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))
    }

    @Test(.timeLimit(.minutes(2)))
    func aHeldWriteLockNeverStallsReadersAndAWriterGivesUpWithExit75() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        let db = folder.path("speedlab.sqlite")
        let lock = try WriteLockHolder(path: db)
        let started = ContinuousClock.now
        for command in [["runs"], ["show", "1"], ["report", "1", "--out", "-"], ["history"], ["compare", "1", "1"]] {
            let result = try SpeedLabCommand.run(command, in: folder.url)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
        }
        #expect(started.duration(to: .now) < .seconds(20), "readers never wait for the write lock")
        let writer = try SpeedLabCommand.run(
            ["run", sweep, "--no-report"], in: folder.url, environment: ["SPEEDLAB_BUSY_TIMEOUT": "1"])
        #expect(writer.exitCode == 75, "\(writer.stderr)")
        #expect(writer.stderr.contains("is locked by another process"))
        try lock.release()
        #expect(try R.integer("SELECT COUNT(*) FROM run", in: db) == 1, "the refused run left nothing behind")
    }

    @Test func aDamagedDatabaseIsReportedByEveryCommandAndNeverWritten() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: d\nrepetitions: 60\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: [1, 2, 3, 4]\n"
                + "  latency_ms: 0\n  work: 1\n", to: "d.yaml")
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        let db = folder.path("speedlab.sqlite")
        // The root page of the sample table: every command that reads samples passes through it.
        let root = try R.integer("SELECT rootpage FROM sqlite_master WHERE name = 'sample'", in: db)
        let pageSize = try R.integer("PRAGMA page_size", in: db)
        try Self.overwrite(db, at: (root - 1) * pageSize, with: Data(repeating: 0xA5, count: pageSize))
        try Self.expectEveryCommandRefusesTheDamage(
            [
                ["runs"], ["show", "1"], ["report", "1", "--out", "-"], ["compare", "1", "1"], ["history"],
                ["run", sweep, "--no-report"], ["run", "--resume", "1"],
            ], in: folder, db: db)
    }

    /// Damage inside the cells of the table of applied migrations, the first thing a command
    /// reads, is reported as damage too, before anything reads it.
    @Test func damagedMigrationRecordsAreReportedAsDamageAndNeverWritten() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: d\nrepetitions: 3\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: [1, 2]\n"
                + "  latency_ms: 0\n  work: 1\n", to: "d.yaml")
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        let db = folder.path("speedlab.sqlite")
        let root = try R.integer("SELECT rootpage FROM sqlite_master WHERE name = 'grdb_migrations'", in: db)
        let pageSize = try R.integer("PRAGMA page_size", in: db)
        // The end of the page holds the cells' records: zeroed, the page's structure stays whole.
        try Self.overwrite(db, at: root * pageSize - 200, with: Data(count: 200))
        try Self.expectEveryCommandRefusesTheDamage(
            [["runs"], ["report", "1", "--out", "-"], ["run", sweep, "--no-report"]], in: folder, db: db)
    }

    /// Writes `bytes` over the database file at byte `offset`.
    private static func overwrite(_ db: String, at offset: Int, with bytes: Data) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        try handle.seek(toOffset: UInt64(offset))
        handle.write(bytes)
        try handle.close()
    }

    /// Each command exits 74 with one line saying the database is damaged, and none of them
    /// changes a byte of it.
    private static func expectEveryCommandRefusesTheDamage(
        _ commands: [[String]], in folder: TemporaryDirectory, db: String
    ) throws {
        let damaged = try Data(contentsOf: URL(fileURLWithPath: db))
        for command in commands {
            let result = try SpeedLabCommand.run(command, in: folder.url)
            #expect(result.exitCode == 74, "\(command): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("is damaged"), "\(command): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == damaged, "nothing was written")
    }

    @Test func pathsThatCannotBeADatabaseAreNamedAsSuch() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let cases: [([String], String)] = [
            (["runs", "--db", ""], "the database path is empty"),
            (["runs", "--db", folder.url.path], "it is a folder, not a database file"),
            (["run", sweep, "--db", folder.path("missing/x.sqlite")], "does not exist"),
        ]
        for (arguments, message) in cases {
            let result = try SpeedLabCommand.run(arguments, in: folder.url)
            #expect(result.exitCode == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let negative = try SpeedLabCommand.run(["run", sweep, "--repetitions", "-1"], in: folder.url)
        #expect(negative.exitCode == 64)
        #expect(
            negative.stderr.contains("--repetitions must be from 1 to 100000, or auto (got -1)"), "\(negative.stderr)")
    }

    @Test func labelsWithLineBreaksPipesEscapesOrTenThousandCharactersCannotBreakOutput() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let label = "evil|label\\n\\u001B[31mred" + String(repeating: "x", count: 10_000)
        let run = try SpeedLabCommand.run(["run", sweep, "--label", label], in: folder.url)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let runs = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(!runs.stdout.contains("\u{1B}"), "no escape sequence reaches the terminal")
        #expect(runs.stdout.split(separator: "\n").allSatisfy { $0.count < 200 })
        let report = try String(contentsOfFile: folder.path("reports/1/report.md"), encoding: .utf8)
        #expect(report.hasPrefix("# SpeedLab report — run 1 (evil|label"))
        #expect(report.split(separator: "\n").first?.contains("\u{1B}") == false)
    }

    @Test(.timeLimit(.minutes(2)))
    func aRunThatStillReadsRunningIsTakenOverOnlyWithForce() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let db = try await Self.run(sweep, in: folder, stoppedBy: SIGKILL, afterSamples: 3)
        // Its process id now belongs to a live process (this test), as after a reuse.
        try Self.execute("UPDATE run SET processId = \(getpid())", in: db)
        let refused = try SpeedLabCommand.run(["run", "--resume", "1", "--no-report"], in: folder.url)
        #expect(refused.exitCode == 64)
        #expect(refused.stderr.contains("take the run over with --force"), "\(refused.stderr)")
        let forced = try SpeedLabCommand.run(["run", "--resume", "1", "--force", "--no-report"], in: folder.url)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("--force takes it over"))
        #expect(try R.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == Self.complete)
    }

    @Test(.timeLimit(.minutes(2)))
    func aRunOfAnotherHostWithAStaleHeartbeatReadsCrashedAndResumes() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let db = try await Self.run(sweep, in: folder, stoppedBy: SIGKILL, afterSamples: 3)
        try Self.execute(
            "UPDATE run SET host = 'ci-container-7', heartbeatAt = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-10 minutes')",
            in: db)
        let first = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(first.stdout.contains("crashed"), "\(first.stdout)")
        try await Task.sleep(for: .milliseconds(1_100))
        let second = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(second.stdout == first.stdout, "a crashed run's duration does not grow")
        let resumed = try SpeedLabCommand.run(["run", "--resume", "1", "--no-report"], in: folder.url)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
    }

    @Test(.timeLimit(.minutes(3)))
    func twoSimultaneousResumesMeasureTheRunOnce() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        let db = try await Self.run(sweep, in: folder, stoppedBy: SIGKILL, afterSamples: 3)
        let resumes = try (0..<2).map { _ in
            try SpeedLabCommand.start(["run", "--resume", "1", "--no-report"], in: folder.url)
        }
        var codes: [Int32] = []
        var errors: [String] = []
        for resume in resumes {
            let output = SpeedLabCommand.readToEnd(resume)
            resume.waitUntilExit()
            codes.append(resume.terminationStatus)
            errors.append(String(decoding: output.stderr, as: UTF8.self))
        }
        #expect(codes.sorted() == [0, 64], "\(errors)")
        #expect(try R.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == Self.complete)
        #expect(try R.text("SELECT status FROM run", in: db) == "completed")
    }

    @Test(.timeLimit(.minutes(2)))
    func theInterruptionMessageCountsMeasuredSamplesOnly() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: long\nrepetitions: 200\nwarmup: 1\nscenarios: [sequential]\nparameters:\n  tasks: 2\n"
                + "  latency_ms: 15\n  work: [0, 10]\n", to: "long.yaml")
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let db = folder.path("speedlab.sqlite")
        try await R.waitForSamples(4, in: db)
        kill(process.processIdentifier, SIGINT)
        let output = SpeedLabCommand.readToEnd(process)
        process.waitUntilExit()
        let measured = try R.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db)
        #expect(
            String(decoding: output.stderr, as: UTF8.self).contains("interrupted: \(measured) finished samples kept"))
    }

    @Test func comparingRunsWithNothingInCommonFailsTheGateAndOutToDashPrints() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        let other = try folder.write(
            "name: other\nrepetitions: 2\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: 3\n  latency_ms: 1\n",
            to: "other.yaml")
        #expect(try SpeedLabCommand.run(["run", other, "--no-report"], in: folder.url).exitCode == 0)
        let gate = try SpeedLabCommand.run(["compare", "1", "2", "--fail-on-regression"], in: folder.url)
        #expect(gate.exitCode == 4, "\(gate.stderr)")
        #expect(gate.stderr.contains("nothing was compared"))
        let plain = try SpeedLabCommand.run(["compare", "1", "2"], in: folder.url)
        #expect(plain.exitCode == 0 && plain.stderr.contains("nothing was compared"))
        for command in [["compare", "1", "1", "--out", "-"], ["history", "--out", "-"]] {
            let result = try SpeedLabCommand.run(command, in: folder.url)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
            #expect(result.stdout.hasPrefix("# SpeedLab"), "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("-")), "no folder named -")
        let empty = try SpeedLabCommand.run(["report", "1", "--format", ""], in: folder.url)
        #expect(empty.exitCode == 64)
    }

    @Test(.enabled(if: R.canTestPermissions, "needs setpriv and a build folder readable by nobody when run as root"))
    func aReadOnlyDatabaseInAReadOnlyFolderIsReadByEveryReadingCommand() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder)
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        let shelf = folder.url.appendingPathComponent("shelf")
        try FileManager.default.createDirectory(at: shelf, withIntermediateDirectories: false)
        let db = shelf.appendingPathComponent("speedlab.sqlite").path
        try FileManager.default.copyItem(atPath: folder.path("speedlab.sqlite"), toPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: shelf.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shelf.path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        for command in [["runs"], ["show", "1"], ["report", "1", "--out", "-"], ["compare", "1", "1"], ["history"]] {
            let result = try SpeedLabCommand.runAsNobody(command + ["--db", db], in: shelf)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
        }
        let resume = try SpeedLabCommand.runAsNobody(["run", "--resume", "1", "--db", db], in: shelf)
        #expect(resume.exitCode == 74, "\(resume.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shelf.path) == ["speedlab.sqlite"])
    }

    /// A tiny filesystem to fill: needs root and permission to mount tmpfs.
    static var canMountTmpfs: Bool {
        guard geteuid() == 0, FileManager.default.fileExists(atPath: "/usr/bin/mount") else { return false }
        let probe = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("speedlab-mount-probe")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard shell(["/usr/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) == 0 else { return false }
        return shell(["/usr/bin/umount", probe.path]) == 0
    }

    @discardableResult
    static func shell(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: canMountTmpfs, "needs root and tmpfs mounts"), .timeLimit(.minutes(2)))
    func aFullDiskEndsTheRunFailedWithAClearMessageAndAReportLeavesNoFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let disk = folder.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        #expect(Self.shell(["/usr/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]) == 0)
        defer { Self.shell(["/usr/bin/umount", disk.path]) }
        let sweep = try folder.write(
            "name: full\nrepetitions: 3000\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: [1, 2, 3, 4]\n"
                + "  latency_ms: 0\n  work: 1\n", to: "full.yaml")
        let db = disk.appendingPathComponent("speedlab.sqlite").path
        let run = try SpeedLabCommand.run(["run", sweep, "--db", db, "--no-report"], in: folder.url)
        #expect(run.exitCode == 74, "\(run.stderr)")
        #expect(run.stderr.contains("is full"), "\(run.stderr)")
        let status = try R.text("SELECT status FROM run", in: db)
        #expect(status == "failed", "\(run.stderr) \(status ?? "none")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).allSatisfy { !$0.contains("reserve") })
        Self.shell(["/bin/dd", "if=/dev/zero", "of=\(disk.path)/filler", "bs=4096"])  // fills what is left
        let report = try SpeedLabCommand.run(
            ["report", "1", "--db", db, "--out", disk.appendingPathComponent("report").path], in: folder.url)
        #expect(report.exitCode == 73, "\(report.stderr)")
        #expect(report.stderr.contains("Free some space"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: disk.appendingPathComponent("report").path))
    }
}
