import Foundation
import GRDB
import SpeedLabTestSupport
import Testing

/// The edges of trust, each tried for real against the built binary: URLs that cannot be
/// addresses, passwords that must never be printed, damaged and foreign stores that must be
/// neither imported nor written, readers that must leave nothing that blocks a writer, a full
/// disk, `--only` and labels that would become markup.
@Suite(.serialized) struct TrustEdgeTests {
    typealias R = ReliabilityTests
    typealias E = EdgeReliabilityTests

    /// A quick simulated sweep: two points, three repetitions.
    static func quickSweep(_ folder: TemporaryDirectory, label: String = "trust") throws -> String {
        try folder.write(
            "name: trust\nlabel: \"\(label)\"\nrepetitions: 3\nwarmup: 0\nscenarios: [sequential]\nparameters:\n"
                + "  tasks: [1, 2]\n  latency_ms: 1\n  work: 1\n", to: "trust.yaml")
    }

    static let badServicesURLs = [
        "http://127.0.0.1:99999", "http://127.0.0.1:0", "http://127.0.0.1:-1", "http://127.0.0.1:80a",
        "http://127.0.0.1:", "http://:8080", "http://", "http://bad host:80", "http://[::1:80", "http://a..b:80",
        "http://127.0.0.1:8080/path", "http://127.0.0.1:8080?x=1", "ftp://127.0.0.1:80", "127.0.0.1:8080",
        "http://127.0.0.1:8080\u{1B}[31m", "http://user:s3cret@127.0.0.1:8080", "http://127.0.0.1:65536",
        "http://%41:80",
    ]

    @Test(.timeLimit(.minutes(2)))
    func everyMalformedServicesURLIsAUsageErrorInOneLineBeforeAnythingStarts() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try Self.quickSweep(folder)
        for url in Self.badServicesURLs {
            let result = try SpeedLabCommand.run(["run", sweep, "--services", url], in: folder.url)
            #expect(result.exitCode == 64, "\(url): \(result.exitCode) \(result.stderr)")
            #expect(!result.stderr.contains("s3cret"), "\(url): \(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}"), "\(url): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(url): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")), "\(url)")
        }
    }

    static let badPostgresURLs = [
        "postgres://bench@127.0.0.1:99999/db", "postgres://bench@127.0.0.1:0/db", "postgres://bench@:5432/db",
        "postgres://bench@127.0.0.1:54x/db", "postgres://bench@bad host/db", "postgres://bench@127.0.0.1/db%00x",
        "postgres://bench@127.0.0.1/a/b", "postgres://bench@127.0.0.1/db?sslmode=maybe",
        "postgres://bench@127.0.0.1/db?connect_timeout=0", "postgres://bench@127.0.0.1/db?nope=1",
        "postgres://tricky:p@ss:w0rd/?#x@127.0.0.1:70000/db", "postgres://u:%zzsecret@127.0.0.1/db",
    ]

    @Test func everyMalformedDatabaseURLIsAUsageErrorThatNeverShowsThePassword() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for url in Self.badPostgresURLs {
            for command in [["runs", "--db", url], ["import", url, "--db", folder.path("t.sqlite")]] {
                let result = try SpeedLabCommand.run(command, in: folder.url)
                #expect(result.exitCode == 64, "\(command): \(result.exitCode) \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
                for secret in ["p@ss", "w0rd", "secret"] {
                    #expect(!result.stderr.contains(secret), "\(command): \(result.stderr)")
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("t.sqlite")))
    }

    @Test func readingAnEmptyFileNeitherCreatesASchemaNorLeavesSideFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let empty = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for command in [
            ["runs", "--db", empty], ["show", "--db", empty], ["report", "--db", empty, "--out", "-"],
            ["history", "--db", empty], ["import", empty, "--db", folder.path("target.sqlite")],
        ] {
            let result = try SpeedLabCommand.run(command, in: folder.url)
            #expect(result.exitCode == 74, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("not a SpeedLab store"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("Point --db") || command[0] != "import", "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["empty.sqlite"])
    }

    @Test func anotherProgramsDatabaseIsNeitherReadNorWrittenAsAStore() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let foreign = folder.path("foreign.sqlite")
        try E.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')", in: foreign)
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let read = try SpeedLabCommand.run(["runs", "--db", foreign], in: folder.url)
        #expect(read.exitCode == 74, "\(read.stderr)")
        let write = try SpeedLabCommand.run(
            ["run", try Self.quickSweep(folder), "--db", foreign, "--no-report"], in: folder.url)
        #expect(write.exitCode == 74, "\(write.stderr)")
        #expect(write.stderr.contains("not a SpeedLab store"), "\(write.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
    }

    @Test func aTruncatedImportSourceIsNamedAndGetsNoSideFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(
            try SpeedLabCommand.run(["run", try Self.quickSweep(folder), "--no-report"], in: folder.url).exitCode == 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: folder.path("speedlab.sqlite")))
        let source = folder.path("truncated.sqlite")
        try whole.prefix(whole.count / 2 + 100).write(to: URL(fileURLWithPath: source))
        let result = try SpeedLabCommand.run(["import", source, "--db", folder.path("target.sqlite")], in: folder.url)
        #expect(result.exitCode == 74, "\(result.stderr)")
        #expect(result.stderr.contains("cannot import from \(source)"), "\(result.stderr)")
        #expect(!result.stderr.contains("Point --db"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: source + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: source + "-shm"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("target.sqlite")))
    }

    /// An index whose entries do not match its table passes SQLite's quick check, which the
    /// open runs, and fails only the full check before an import: the source is refused then,
    /// after it was opened, and still gets no side files.
    @Test func aSourceFoundDamagedOnlyByTheFullCheckIsRefusedAndGetsNoSideFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(
            try SpeedLabCommand.run(["run", try Self.quickSweep(folder), "--no-report"], in: folder.url).exitCode == 0)
        let source = folder.path("speedlab.sqlite")
        try E.execute(
            """
            CREATE INDEX damage ON point(scenario);
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = 'CREATE INDEX damage ON point(ordinal)' WHERE name = 'damage';
            PRAGMA writable_schema = OFF;
            """, in: source)
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        let result = try SpeedLabCommand.run(["import", source, "--db", folder.path("target.sqlite")], in: folder.url)
        #expect(result.exitCode == 74, "\(result.stderr)")
        #expect(result.stderr.contains("cannot import from \(source): it is damaged"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before)
        #expect(!FileManager.default.fileExists(atPath: source + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: source + "-shm"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("target.sqlite")))
    }

    /// A real store with a few bytes overwritten at many places: each import either refuses
    /// the source, naming it, and leaves the target exactly as it was, or succeeds and the
    /// target then holds runs whose every value reads back (the damage fell where nothing lives).
    @Test(.timeLimit(.minutes(6)))
    func aDamagedSourceImportsNothingWhereverTheDamageFalls() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: many\nlabel: source\nrepetitions: 4\nwarmup: 1\nscenarios:\n  concurrent:\n    concurrency: [2, 4]\n"
                + "parameters:\n  tasks: [4, 8]\n  latency_ms: 1\n  work: 1\n", to: "many.yaml")
        for _ in 0..<2 {
            #expect(try SpeedLabCommand.run(["run", sweep], in: folder.url).exitCode == 0)
        }
        let sourcePath = folder.path("speedlab.sqlite")
        _ = try SpeedLabCommand.run(["runs"], in: folder.url)
        let pristine = try Data(contentsOf: URL(fileURLWithPath: sourcePath))
        let target = folder.path("target.sqlite")
        #expect(
            try SpeedLabCommand.run(
                ["run", try Self.quickSweep(folder), "--db", target, "--no-report"], in: folder.url
            )
            .exitCode == 0)
        let targetBefore = try Self.contents(of: target)
        var generator = SplitMix(seed: 7)
        var refused = 0
        for attempt in 0..<36 {
            var damaged = pristine
            let offset = 100 + Int(generator.next() % UInt64(pristine.count - 120))
            for index in 0..<(1 + attempt % 4) { damaged[offset + index * 7] ^= UInt8(1 + generator.next() % 255) }
            let copy = folder.path("damaged-\(attempt).sqlite")
            try damaged.write(to: URL(fileURLWithPath: copy))
            let work = folder.path("work-\(attempt).sqlite")
            try FileManager.default.copyItem(atPath: target, toPath: work)
            let result = try SpeedLabCommand.run(["import", copy, "--db", work], in: folder.url)
            #expect(!result.stderr.contains("Fatal error"), "offset \(offset): \(result.stderr)")
            if result.exitCode == 0 {
                // Every value of the target still reads: a report of every run renders.
                let runs = try R.integer("SELECT COUNT(*) FROM run", in: work)
                for run in 1...runs {
                    let report = try SpeedLabCommand.run(
                        ["report", String(run), "--db", work, "--out", "-", "--include-incomplete"], in: folder.url)
                    #expect(report.exitCode == 0, "offset \(offset), run \(run): \(report.stderr)")
                }
            } else {
                refused += 1
                #expect([66, 74].contains(result.exitCode), "offset \(offset): \(result.stderr)")
                #expect(result.stderr.contains(copy), "the error names the source: \(result.stderr)")
                #expect(try Self.contents(of: work) == targetBefore, "offset \(offset): the target changed")
            }
            try? FileManager.default.removeItem(atPath: copy)
            try? FileManager.default.removeItem(atPath: work)
        }
        #expect(refused > 0)
    }

    /// The runs and sample counts of a store, for telling whether an import changed it.
    static func contents(of path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT r.uuid || ':' || (SELECT COUNT(*) FROM point p WHERE p.runId = r.id) || ':'
                      || (SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId WHERE p.runId = r.id)
                    FROM run r ORDER BY r.id
                    """)
        }
    }

    @Test(.enabled(if: R.canTestPermissions, "needs setpriv and a build folder readable by nobody when run as root"))
    func aReaderOfAReadOnlyDatabaseLeavesNothingThatBlocksALaterWriter() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.url.path)
        let sweep = try Self.quickSweep(folder)
        let db = folder.path("speedlab.sqlite")
        #expect(try SpeedLabCommand.runAsNobody(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        for command in [["runs"], ["show", "1"], ["report", "1", "--out", "-"]] {
            let result = try SpeedLabCommand.runAsNobody(command, in: folder.url)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
            let asRoot = try SpeedLabCommand.run(command, in: folder.url)
            #expect(asRoot.exitCode == 0, "\(command): \(asRoot.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: db + "-shm"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: db)
        let again = try SpeedLabCommand.runAsNobody(["run", sweep, "--no-report"], in: folder.url)
        #expect(again.exitCode == 0, "\(again.stderr)")
    }

    @Test(.enabled(if: E.canMountTmpfs, "needs root and tmpfs mounts"), .timeLimit(.minutes(2)))
    func aNewDatabaseOnAFullDiskLeavesNoFileBehind() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let disk = folder.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        #expect(E.shell(["/usr/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.path]) == 0)
        defer { E.shell(["/usr/bin/umount", disk.path]) }
        E.shell(["/bin/dd", "if=/dev/zero", "of=\(disk.path)/filler", "bs=4096"])
        let db = disk.appendingPathComponent("new.sqlite").path
        let run = try SpeedLabCommand.run(
            ["run", try Self.quickSweep(folder), "--db", db, "--no-report"], in: folder.url)
        #expect(run.exitCode == 74, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["filler"])
    }

    @Test func onlyKeepsEveryEntryOfTheNamedScenario() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            """
            name: entries
            scenarios:
              - concurrent: {concurrency: 2}
              - parallel: {workers: 2}
              - concurrent: {concurrency: 4, dispatch: batches}
            parameters:
              tasks: 8
              latency_ms: 1
            """, to: "entries.yaml")
        let result = try SpeedLabCommand.run(["run", sweep, "--only", "concurrent", "--dry-run"], in: folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("concurrency=2"), "\(result.stdout)")
        #expect(result.stdout.contains("concurrency=4"), "\(result.stdout)")
        #expect(!result.stdout.contains("parallel"), "\(result.stdout)")
        let commands = try folder.write(
            """
            name: commands
            scenarios:
              - command: {name: sleeper, run: "sleep {s}", s: [0.01, 0.02]}
              - command: {name: truer, run: "true"}
              - sequential: {tasks: 2}
            parameters:
              latency_ms: 1
            """, to: "commands.yaml")
        let everyCommand = try SpeedLabCommand.run(["run", commands, "--only", "command", "--dry-run"], in: folder.url)
        #expect(everyCommand.exitCode == 0, "\(everyCommand.stderr)")
        #expect(
            everyCommand.stdout.contains("s=0.02") && everyCommand.stdout.contains("truer"), "\(everyCommand.stdout)")
        #expect(!everyCommand.stdout.contains("sequential"), "\(everyCommand.stdout)")
        let oneCommand = try SpeedLabCommand.run(["run", commands, "--only", "truer", "--dry-run"], in: folder.url)
        #expect(oneCommand.exitCode == 0, "\(oneCommand.stderr)")
        #expect(!oneCommand.stdout.contains("sleeper"), "\(oneCommand.stdout)")
        let typo = try SpeedLabCommand.run(["run", commands, "--only", "truerr", "--dry-run"], in: folder.url)
        #expect(typo.exitCode == 64)
        #expect(typo.stderr.contains("Did you mean 'truer'?"), "\(typo.stderr)")
        #if HTTPTransport
            let builtIn = try SpeedLabCommand.run(["run", "--only", "concurrent", "--dry-run"], in: folder.url)
            #expect(
                builtIn.stdout.contains("transport=http"), "the default sweep keeps its http points: \(builtIn.stdout)")
        #endif
    }

    @Test func labelsNeverReachAPageAsMarkupOrATerminalAsBidiOrSeparators() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let hostile = "<script>alert(1)</script>\u{202E}evil\u{2028}next\u{2066}"
        let sweep = try Self.quickSweep(folder, label: "<script>alert(1)</script>\\u202Eevil\\u2028next\\u2066")
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        #expect(try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url).exitCode == 0)
        #expect(try R.text("SELECT label FROM run WHERE id = 1", in: folder.path("speedlab.sqlite")) == hostile)
        let report = try SpeedLabCommand.run(["report", "1", "--out", "-"], in: folder.url)
        let comparison = try SpeedLabCommand.run(["compare", "1", "2"], in: folder.url)
        let runs = try SpeedLabCommand.run(["runs"], in: folder.url)
        for (name, output) in [("report", report.stdout), ("compare", comparison.stdout), ("runs", runs.stdout)] {
            if name != "runs" { #expect(!output.contains("<script>"), "\(name): \(output)") }
            for mark in ["\u{202E}", "\u{2028}", "\u{2066}"] { #expect(!output.contains(mark), "\(name)") }
        }
        #expect(report.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(report.stdout)")
    }
}

/// A seeded generator for choosing where to damage a file (SplitMix64).
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
