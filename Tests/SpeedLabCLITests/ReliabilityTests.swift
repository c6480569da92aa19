import Foundation
import GRDB
import SpeedLabMigrations
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// Faults a tracker must survive without losing a finished measurement or corrupting its
/// store, each caused for real against the built binary.
@Suite(.serialized) struct ReliabilityTests {
    static func sweep(
        _ folder: TemporaryDirectory, repetitions: Int = 3, tasks: Int = 3, latencyMs: Int = 5, name: String = "s.yaml"
    ) throws -> String {
        try folder.write(
            "name: small\nrepetitions: \(repetitions)\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: \(tasks)\n  latency_ms: \(latencyMs)\n  work: [0, 10]\n",
            to: name)
    }

    /// The database opened read-only, so polling it never creates the file.
    static func readOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    static func integer(_ sql: String, in path: String) throws -> Int {
        try readOnly(path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    static func text(_ sql: String, in path: String) throws -> String? {
        try readOnly(path).read { db in try String.fetchOne(db, sql: sql) }
    }

    /// Waits until the run has stored at least `samples` samples. It polls with a blocking
    /// sleep on purpose: other tests keep the shared pool's threads busy with blocking waits, and
    /// an awaited sleep could then resume seconds late, after the run has finished.
    static func waitForSamples(_ samples: Int, in path: String) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline {
            usleep(20_000)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            if let count = try? integer("SELECT COUNT(*) FROM sample", in: path), count >= samples { return }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func sigtermKeepsFinishedSamplesAndExits130() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 30, tasks: 5, latencyMs: 20)
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let db = folder.path("speedlab.sqlite")
        try await Self.waitForSamples(2, in: db)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try Self.text("SELECT status FROM run", in: db) == "interrupted")
        let kept = try Self.integer("SELECT COUNT(*) FROM sample", in: db)
        #expect(kept >= 2 && kept < 60)
        #expect(try Self.text("PRAGMA integrity_check", in: db) == "ok")
    }

    /// Interrupts at several moments (after 1, 4 and 9 stored samples, a seeded choice of
    /// signal), resumes, and checks the finished run reports the same point and sample counts
    /// as an uninterrupted run of the same sweep.
    @Test(.timeLimit(.minutes(3)), arguments: [(1, SIGINT), (4, SIGTERM), (9, SIGINT)])
    func interruptedThenResumedRunReportsLikeAnUninterruptedOne(after samples: Int, signal: Int32) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 20, tasks: 4, latencyMs: 15)
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report", "--db", "cut.sqlite"], in: folder.url)
        try await Self.waitForSamples(samples, in: folder.path("cut.sqlite"))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let resumed = try SpeedLabCommand.run(
            ["run", "--resume", "1", "--no-report", "--db", "cut.sqlite"], in: folder.url)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let whole = try SpeedLabCommand.run(["run", sweep, "--no-report", "--db", "whole.sqlite"], in: folder.url)
        #expect(whole.exitCode == 0)
        let cut = try SpeedLabCommand.run(["report", "1", "--db", "cut.sqlite", "--out", "-"], in: folder.url)
        let reference = try SpeedLabCommand.run(["report", "1", "--db", "whole.sqlite", "--out", "-"], in: folder.url)
        let counts = { (text: String) in
            text.split(separator: "\n").first { $0.hasPrefix("| Points |") }.map(String.init)
        }
        #expect(counts(cut.stdout) == "| Points | 2, 40 measured samples |")
        #expect(counts(cut.stdout) == counts(reference.stdout))
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: folder.path("cut.sqlite")) == 40)
    }

    @Test(.timeLimit(.minutes(2)))
    func sigkillLeavesAnIntactStoreARunShownCrashedAndResumeFinishesIt() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 20, tasks: 5, latencyMs: 20)
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let db = folder.path("speedlab.sqlite")
        try await Self.waitForSamples(2, in: db)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try Self.text("PRAGMA integrity_check", in: db) == "ok")
        let runs = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(runs.stdout.contains("crashed"), "\(runs.stdout)")
        let resumed = try SpeedLabCommand.run(["run", "--resume", "latest", "--no-report"], in: folder.url)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == 40)
        #expect(try Self.text("SELECT status FROM run", in: db) == "completed")
    }

    @Test(.timeLimit(.minutes(3)), arguments: [2, 4])
    func concurrentWritersAllCompleteWithEverySampleStored(writers: Int) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 4, tasks: 2, latencyMs: 2)
        let processes = try (0..<writers).map { _ in
            try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        }
        var failures: [String] = []
        for process in processes {
            let stderr = SpeedLabCommand.readToEnd(process).stderr
            process.waitUntilExit()
            if process.terminationStatus != 0 { failures.append(String(decoding: stderr, as: UTF8.self)) }
        }
        #expect(failures.isEmpty, "\(failures)")
        let db = folder.path("speedlab.sqlite")
        #expect(try Self.integer("SELECT COUNT(*) FROM run WHERE status = 'completed'", in: db) == writers)
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == writers * 2 * 4)
        #expect(try Self.text("PRAGMA integrity_check", in: db) == "ok")
    }

    @Test(.timeLimit(.minutes(2)))
    func readersSeeConsistentDataWhileARunWrites() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // Long enough that the writer normally outlives the readers; a reader that sees the run
        // completed is right too, once the writer has finished.
        let sweep = try Self.sweep(folder, repetitions: 40, tasks: 4, latencyMs: 10)
        let writer = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        try await Self.waitForSamples(1, in: folder.path("speedlab.sqlite"))
        for _ in 0..<3 {
            let report = try SpeedLabCommand.run(
                ["report", "latest", "--include-incomplete", "--out", "-"], in: folder.url)
            #expect(
                report.exitCode == 0,
                "\(report.stderr) — writer: \(String(decoding: (writer.standardError as? Pipe)?.fileHandleForReading.availableData ?? Data(), as: UTF8.self))"
            )
            #expect(report.stdout.contains("## sequential"))
            let runs = try SpeedLabCommand.run(["runs"], in: folder.url)
            #expect(runs.exitCode == 0)
            if !runs.stdout.contains("running") {
                writer.waitUntilExit()
                #expect(runs.stdout.contains("completed"), "neither running nor completed: \(runs.stdout)")
            }
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
    }

    @Test func truncatedDatabaseGetsOneClearLineAndExit74() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 1)
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        let db = folder.path("speedlab.sqlite")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db))
        try handle.truncate(atOffset: 6_000)
        try handle.close()
        let result = try SpeedLabCommand.run(["report", "--out", "-"], in: folder.url)
        #expect(result.exitCode == 74)
        #expect(result.stderr.hasPrefix("error: speedlab.sqlite "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func unwritableReportFolderExits73AndLeavesNoPartialReport() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 1)
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        try folder.write("a file, not a folder", to: "blocked")
        let result = try SpeedLabCommand.run(["report", "--out", "blocked/report"], in: folder.url)
        #expect(result.exitCode == 73)
        #expect(result.stderr.contains("cannot write the report to"), "\(result.stderr)")
        let proc = try SpeedLabCommand.run(["report", "--out", "/proc/speedlab-report"], in: folder.url)
        #expect(proc.exitCode == 73)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty)
    }

    /// Root ignores permission bits, so as root the test runs the binary as `nobody` (setpriv,
    /// from util-linux); that needs setpriv and a build folder `nobody` can reach.
    static var canTestPermissions: Bool {
        guard geteuid() == 0 else { return true }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        probe.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", FixturePaths.speedlabBinary.path, "--version",
        ]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    @Test(.enabled(if: canTestPermissions, "needs setpriv and a build folder readable by nobody when run as root"))
    func readOnlyDatabaseFolderGetsAClearMessage() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.sweep(folder, repetitions: 1)
        let locked = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sweep)
        let result = try SpeedLabCommand.runAsNobody(
            ["run", sweep, "--db", locked.appendingPathComponent("speedlab.sqlite").path, "--no-report"], in: folder.url
        )
        #expect(result.exitCode == 74, "\(result.stderr)")
        #expect(result.stderr.contains("cannot be written (read-only file or folder)"), "\(result.stderr)")
    }

    @Test func olderDatabaseIsBackedUpThenMigratedAndReportsIdentically() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let db = folder.path("old.sqlite")
        let files = try Migrations.all()
        #expect(files.count >= 2)
        // A database as the first release of speedlab left it: migration 0001 only.
        let queue = try DatabaseQueue(path: db)
        var migrator = DatabaseMigrator()
        migrator.registerMigration(files[0].identifier) { db in try db.execute(sql: files[0].sql) }
        try migrator.migrate(queue)
        let fixture = try String(
            contentsOf: FixturePaths.fixtures.appendingPathComponent("stores/two-scenarios.sql"), encoding: .utf8)
        try queue.write { db in try db.execute(sql: fixture) }
        try queue.close()

        let result = try SpeedLabCommand.run(["report", "1", "--db", db, "--out", "-"], in: folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let backup = folder.path("old.sqlite.bak-\(files[0].identifier)")
        #expect(FileManager.default.fileExists(atPath: backup))
        #expect(try Self.integer("SELECT COUNT(*) FROM grdb_migrations", in: backup) == 1)
        #expect(try Self.integer("SELECT COUNT(*) FROM grdb_migrations", in: db) == files.count)
        #expect(try Self.integer("SELECT COUNT(*) FROM sample", in: backup) == 24)
        let fresh = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        defer { fresh.remove() }
        let reference = try SpeedLabCommand.run(["report", "1", "--db", fresh.runs.path, "--out", "-"], in: folder.url)
        #expect(result.stdout == reference.stdout)
        // The per-metric rows moved into each sample's JSON, and read back the same through the view.
        let metricRows = "SELECT COUNT(*) FROM sampleMetric"
        let metricSum = "SELECT CAST(ROUND(SUM(value) * 1000) AS INTEGER) FROM sampleMetric"
        #expect(try Self.integer(metricRows, in: db) == Self.integer(metricRows, in: backup))
        #expect(try Self.integer(metricSum, in: db) == Self.integer(metricSum, in: backup))
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE metrics IS NOT NULL", in: db) > 0)
    }
}
