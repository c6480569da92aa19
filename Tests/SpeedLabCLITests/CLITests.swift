import Foundation
import GRDB
import SpeedLabTestSupport
import Testing

/// End to end: the built `speedlab` binary, its output and its exit codes.
@Suite(.serialized) struct CLITests {
    static let tinySweep = """
        name: tiny
        label: cli
        repetitions: 2
        warmup: 1
        scenarios: [sequential]
        parameters:
          tasks: [2, 3]
          latency_ms: 1
          work: 1000
        """

    @Test func versionPrintsTheToolVersion() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(["--version"], in: folder.url)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func runStoresACompletedRunThatRunsAndShowList() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(Self.tinySweep, to: "tiny.yaml")
        let run = try SpeedLabCommand.run(["run", sweep], in: folder.url)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("run 1 completed: 2 points, 4 samples"))
        #expect(FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))

        let runs = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(runs.exitCode == 0)
        let line = try #require(runs.stdout.split(separator: "\n").last)
        #expect(line.contains(" cli ") && line.contains("completed") && line.contains("      2        4"))

        let show = try SpeedLabCommand.run(["show", "cli"], in: folder.url)
        #expect(show.exitCode == 0)
        #expect(show.stdout.contains("jitter=0 latency_ms=1 seed=42 tasks=3 work=1000"))

        let queue = try DatabaseQueue(path: folder.path("speedlab.sqlite"))
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM measurement") }
        #expect(count == 4)
    }

    @Test func dbOptionAndEnvironmentChooseTheDatabase() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(Self.tinySweep, to: "tiny.yaml")
        #expect(
            try SpeedLabCommand.run(["run", sweep, "--db", "a.sqlite", "--repetitions", "1"], in: folder.url).exitCode
                == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("a.sqlite")))
        let viaEnvironment = try SpeedLabCommand.run(["runs"], in: folder.url, environment: ["SPEEDLAB_DB": "a.sqlite"])
        #expect(viaEnvironment.stdout.contains("completed"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))
    }

    @Test func dryRunPrintsPointsAndWritesNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(Self.tinySweep, to: "tiny.yaml")
        let result = try SpeedLabCommand.run(["run", sweep, "--dry-run"], in: folder.url)
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("2 points × (1 warm-up + 2 measured) = 6 samples"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))
    }

    @Test func badSweepFileExits65NamingFileAndLineAndWritesNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write("name: bad\nscenarios: [sequential]\nparameters:\n  tasks: 0\n", to: "bad.yaml")
        let result = try SpeedLabCommand.run(["run", sweep], in: folder.url)
        #expect(result.exitCode == 65)
        #expect(result.stderr == "error: \(sweep):4:10: 'tasks' must be a whole number from 1 to 1000000, got 0.\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))
    }

    @Test func unknownScenarioInOnlyExits64ListingValidNames() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(["run", "--only", "sequentail"], in: folder.url)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("unknown scenario 'sequentail'. Did you mean 'sequential'? Valid: sequential"))
    }

    @Test func missingSweepFileExits66() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(["run", "nowhere.yaml"], in: folder.url)
        #expect(result.exitCode == 66)
        #expect(result.stderr.contains("nowhere.yaml: cannot read the sweep file (no such file)."))
    }

    @Test func readingCommandsOnAMissingDatabaseExit66() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(result.exitCode == 66)
        #expect(result.stderr.contains("no database at speedlab.sqlite"))
    }

    @Test func fileThatIsNotADatabaseExits74() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(String(repeating: "hello\n", count: 200), to: "speedlab.sqlite")
        let result = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(result.exitCode == 74)
        #expect(result.stderr.contains("speedlab.sqlite is not a SQLite database"))
    }

    @Test func databaseFromANewerSpeedLabExits76() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(Self.tinySweep, to: "tiny.yaml")
        #expect(try SpeedLabCommand.run(["run", sweep, "--repetitions", "1"], in: folder.url).exitCode == 0)
        let queue = try DatabaseQueue(path: folder.path("speedlab.sqlite"))
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('9999_future')") }
        let result = try SpeedLabCommand.run(["runs"], in: folder.url)
        #expect(result.exitCode == 76)
        #expect(result.stderr.contains("was written by a newer speedlab (unknown migrations: 9999_future)"))
    }

    @Test func sigintMarksTheRunInterruptedKeepsSamplesAndResumeFinishesIt() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: slow\nrepetitions: 100\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: 5\n  latency_ms: 20\n  work: [0, 10]\n",
            to: "slow.yaml")
        let process = try SpeedLabCommand.start(["run", sweep], in: folder.url)
        let dbPath = folder.path("speedlab.sqlite")
        // Wait until the first round (2 samples) is stored, then interrupt.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            if FileManager.default.fileExists(atPath: dbPath),
                let count = try? Self.integer("SELECT COUNT(*) FROM sample", in: dbPath), count >= 2
            {
                break
            }
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let status = try Self.text("SELECT status FROM run", in: dbPath)
        let kept = try Self.integer("SELECT COUNT(*) FROM sample", in: dbPath)
        #expect(status == "interrupted")
        #expect(kept >= 2 && kept < 200)  // 200 samples of 0.1 s: a loaded machine still interrupts it

        let resumed = try SpeedLabCommand.run(["run", "--resume", "1"], in: folder.url)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("resuming run 1: \(200 - kept) samples missing"))
        #expect(try Self.integer("SELECT COUNT(*) FROM sample", in: dbPath) == 200)
        #expect(try Self.text("SELECT status FROM run", in: dbPath) == "completed")
    }

    static func integer(_ sql: String, in path: String) throws -> Int {
        try ReliabilityTests.integer(sql, in: path)
    }

    static func text(_ sql: String, in path: String) throws -> String? {
        try ReliabilityTests.text(sql, in: path)
    }
}
