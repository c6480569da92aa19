import Foundation
import GRDB
import SpeedLabCore
import SpeedLabTestSupport
import Testing

/// Command points end to end against the built binary: real processes (the scripts of
/// `fixtures/commands/`), a real store, real signals.
@Suite(.serialized) struct CommandBenchmarkTests {
    static let scripts = FixturePaths.fixtures.appendingPathComponent("commands").path

    static func integer(_ sql: String, in path: String) throws -> Int {
        try ReliabilityTests.integer(sql, in: path)
    }

    static func text(_ sql: String, in path: String) throws -> String? {
        try ReliabilityTests.text(sql, in: path)
    }

    /// Whether `pid` is a live (not zombie) process.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return !["Z", "X"].contains(stat[stat.index(close, offsetBy: 2)...].prefix(1))
    }

    static func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    static func pid(in path: String) -> Int32? {
        var pid: Int32?
        _ = waitFor(seconds: 30) {
            pid = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
                Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return pid != nil
        }
        return pid
    }

    @Test(.timeLimit(.minutes(2)))
    func commandPointsAreStoredReportedAndFailuresAreData() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            """
            name: mine
            repetitions: 3
            warmup: 1
            scenarios:
              - command:
                  name: sleeper
                  run: sleep {seconds}
                  seconds: [0.01, 0.02]
                  baseline: {seconds: 0.02}
              - command:
                  name: metrics
                  run: \(Self.scripts)/metrics.sh {concurrency}
                  concurrency: [2]
              - command:
                  name: failing
                  run: \(Self.scripts)/exit-with.sh {code}
                  code: [3]
              - command:
                  name: piped
                  run: echo {word} | cat > /dev/null
                  word: ["a;b"]
            """, to: "mine.yaml")
        let result = try SpeedLabCommand.run(["run", sweep], in: folder.url)
        #expect(result.exitCode == 1, "\(result.stderr)")  // a point failed; the others were measured
        #expect(result.stderr.contains("exited with code 3 in repetition"), "\(result.stderr)")
        #expect(result.stderr.contains("leaving with status 3"), "\(result.stderr)")
        #expect(result.stderr.contains("not NAME=VALUE"), "\(result.stderr)")
        let db = folder.path("speedlab.sqlite")
        #expect(try Self.integer("SELECT COUNT(*) FROM point WHERE status = 'measured'", in: db) == 4)
        #expect(try Self.text("SELECT error FROM point WHERE scenario = 'failing'", in: db)?.contains("code 3") == true)
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == 12)
        #expect(
            try Self.integer(
                "SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId WHERE p.scenario = 'metrics' "
                    + "AND json_extract(s.metrics, '$.tokens_per_s') >= 100", in: db) == 4)
        #expect(
            try Self.integer(
                "SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId WHERE p.scenario = 'piped' "
                    + "AND json_extract(s.metrics, '$.shell_overhead_ms') > 0", in: db) == 4)
        // Sleeping 10 ms takes at least 10 ms, and RSS is the command's own (far below speedlab's).
        #expect(
            try Self.integer(
                "SELECT MIN(s.wallNanos) FROM sample s JOIN point p ON p.id = s.pointId WHERE p.scenario = 'sleeper'",
                in: db) >= 10_000_000)
        #expect(try Self.integer("SELECT MAX(peakRSSBytes) FROM sample", in: db) < 20 << 20)
        let written = try SpeedLabCommand.run(["report", "1", "--out", "out"], in: folder.url)
        #expect(written.exitCode == 0, "\(written.stderr)")
        let report = try String(contentsOfFile: folder.path("out/report.md"), encoding: .utf8)
        #expect(report.contains("sleeper"), "\(report.prefix(2000))")
        #expect(report.contains("no timeline: command points have no spans"), "\(report.prefix(4000))")
    }

    /// Each repetition of a command point is queued behind the one before it (it starts when
    /// that one ends): every repetition still runs exactly once, in order, with its own
    /// number, and its sample is stored under that number.
    @Test(.timeLimit(.minutes(2)))
    func queuedRepetitionsRunOnceEachInOrder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = folder.path("log")
        let result = try SpeedLabCommand.run(
            [
                "bench", "--runs", "12", "--warmup", "2", "--no-report", "--",
                "sh -c 'echo $SPEEDLAB_WARMUP:$SPEEDLAB_REPETITION >> \(log)'",
            ],
            in: folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == ["1:0", "1:1"] + (0..<12).map { "0:\($0)" }, "\(lines)")
        let db = folder.path("speedlab.sqlite")
        #expect(try Self.integer("SELECT COUNT(DISTINCT repetition) FROM sample WHERE isWarmup = 0", in: db) == 12)
    }

    /// A repetition that fails fails its point; the one queued behind it is stopped, never
    /// stored, and nothing runs after it.
    @Test(.timeLimit(.minutes(2)))
    func aFailingRepetitionStopsTheOneQueuedBehindIt() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = folder.path("log")
        let script = "echo $SPEEDLAB_REPETITION >> \(log); [ $SPEEDLAB_REPETITION -ne 3 ] || exit 9; sleep 0.05"
        let result = try SpeedLabCommand.run(
            ["bench", "--runs", "10", "--warmup", "0", "--no-report", "--", "sh -c '\(script)'"], in: folder.url)
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stderr.contains("exited with code 9 in repetition 3"), "\(result.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.prefix(4) == ["0", "1", "2", "3"] && lines.count <= 5, "at most the queued one more: \(lines)")
        let db = folder.path("speedlab.sqlite")
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == 3)
        #expect(try Self.integer("SELECT COUNT(*) FROM point WHERE status = 'failed'", in: db) == 1)
    }

    /// A dry run cannot know what a command costs: it says so, or uses the median of the
    /// latest stored run of the same point; it never creates the store.
    @Test(.timeLimit(.minutes(2)))
    func aDryRunEstimatesCommandPointsFromAnEarlierRunOrSaysUnknown() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let measured = try folder.write(
            "name: d\nrepetitions: 3\nwarmup: 0\nscenarios:\n  - command:\n      run: sleep {s}\n      s: [0.02]\n",
            to: "measured.yaml")
        let wider = try folder.write(
            "name: d\nrepetitions: 3\nwarmup: 1\nscenarios:\n  - command:\n      run: sleep {s}\n      s: [0.02, 0.03]\n",
            to: "wider.yaml")
        let before = try SpeedLabCommand.run(["run", wider, "--dry-run"], in: folder.url)
        #expect(before.exitCode == 0, "\(before.stderr)")
        #expect(before.stdout.contains("sleep s=0.02: unknown: runs a command"), "\(before.stdout)")
        #expect(before.stdout.contains("2 command points unknown"), "\(before.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))
        let run = try SpeedLabCommand.run(["run", measured, "--no-report"], in: folder.url)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let median = try Self.integer(
            "SELECT wallNanos FROM sample ORDER BY wallNanos LIMIT 1 OFFSET 1", in: folder.path("speedlab.sqlite"))
        let after = try SpeedLabCommand.run(["run", wider, "--dry-run"], in: folder.url)
        #expect(after.exitCode == 0, "\(after.stderr)")
        let line = try #require(after.stdout.split(separator: "\n").first { $0.contains("sleep s=0.02:") })
        #expect(line.contains("ms per repetition in run 1 × 4 samples"), "\(after.stdout)")
        #expect(line.contains(HumanFormat.milliseconds(Double(median))), "median \(median) ns: \(line)")
        #expect(after.stdout.contains("sleep s=0.03: unknown: runs a command"), "\(after.stdout)")
        #expect(after.stdout.contains("1 command point at earlier medians"), "\(after.stdout)")
    }

    @Test(.timeLimit(.minutes(2)))
    func aMissingProgramStopsTheRunBeforeItIsCreated() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: x\nscenarios:\n  - command:\n      run: no-such-program-xyz {n}\n      n: [1]\n", to: "x.yaml")
        let result = try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url)
        #expect(result.exitCode == 66, "\(result.stderr)")
        #expect(result.stderr.contains("'no-such-program-xyz' was not found"), "\(result.stderr)")
        if FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")) {
            #expect(try Self.integer("SELECT COUNT(*) FROM run", in: folder.path("speedlab.sqlite")) == 0)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func anOutputFileInAMissingFolderStopsTheRunBeforeItIsCreated() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            "name: x\nscenarios:\n  - command:\n      run: echo hi\n      output: missing/out.txt\n", to: "x.yaml")
        let result = try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url)
        #expect(result.exitCode == 66, "\(result.stderr)")
        #expect(
            result.stderr.contains("the folder of its output file missing/out.txt does not exist"), "\(result.stderr)")
        if FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")) {
            #expect(try Self.integer("SELECT COUNT(*) FROM run", in: folder.path("speedlab.sqlite")) == 0)
        }
    }

    /// SIGKILL of speedlab while a command that ignores SIGTERM runs, while one whose
    /// grandchild ignores SIGTERM runs, and while one whose grandchild left the process group
    /// and session (setsid) runs: none outlives speedlab.
    @Test(
        .timeLimit(.minutes(2)),
        arguments: [
            "ignore-term.sh {pidfile}", "fork-grandchild.sh {pidfile} stay", "setsid-grandchild.sh {pidfile} stay",
        ])
    func noCommandOutlivesASigkilledSpeedLab(command: String) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let pidFile = folder.path("pid")
        let sweep = try folder.write(
            """
            name: kill
            repetitions: 1
            warmup: 0
            scenarios:
              - command:
                  name: blocking
                  run: \(Self.scripts)/\(command)
                  pidfile: "\(pidFile)"
            """, to: "kill.yaml")
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let pid = try #require(Self.pid(in: pidFile), "the blocking command never started")
        #expect(Self.isAlive(pid))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(Self.waitFor(seconds: 10) { !Self.isAlive(pid) }, "process \(pid) outlived speedlab")
    }

    /// A point's cleanup runs as soon as the point fails, and, after Ctrl-C or SIGTERM, for
    /// every point whose setup ran (here the one whose command was killed by the signal).
    @Test(.timeLimit(.minutes(2)), arguments: [SIGINT, SIGTERM])
    func cleanupRunsWhenAPointFailsAndWhenTheRunIsInterrupted(signal: Int32) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = folder.path("steps.log")
        let pidFile = folder.path("pid")
        let count = "\(Self.scripts)/count-runs.sh \(log)"
        let sweep = try folder.write(
            """
            name: cleanup
            repetitions: 3
            warmup: 0
            scenarios:
              - command:
                  name: failing
                  run: \(Self.scripts)/exit-with.sh 3
                  setup: \(count) failing-setup
                  cleanup: \(count) failing-cleanup
              - command:
                  name: blocking
                  run: \(Self.scripts)/ignore-term.sh \(pidFile)
                  setup: \(count) blocking-setup
                  cleanup: \(count) blocking-cleanup
            """, to: "cleanup.yaml")
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let pid = try #require(Self.pid(in: pidFile), "the blocking command never started")
        kill(process.processIdentifier, signal)
        let output = SpeedLabCommand.readToEnd(process)
        process.waitUntilExit()
        let stderr = String(decoding: output.stderr, as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(stderr)")
        let steps = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(steps == ["failing-setup", "failing-cleanup", "blocking-setup", "blocking-cleanup"], "\(stderr)")
        #expect(Self.waitFor(seconds: 10) { !Self.isAlive(pid) }, "process \(pid) outlived speedlab")
    }

    /// A failing command's stderr tail is shown in the failure line, as text: its escape
    /// sequences, bells and line ends never reach the terminal as such.
    @Test(.timeLimit(.minutes(2)))
    func aFailingCommandsStderrReachesTheTerminalWithoutControlSequences() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(
            ["bench", "--runs", "2", "--warmup", "0", "--no-report", "--", "\(Self.scripts)/hostile-stderr.sh"],
            in: folder.url)
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stderr.contains("hostile"), "\(result.stderr)")
        let controls = (result.stdout + result.stderr).unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }
        #expect(controls.isEmpty, "\(controls.map(\.value))")
    }

    @Test(.timeLimit(.minutes(3)))
    func aSigkilledRunOfCommandsResumesWithOnlyTheMissingRepetitions() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sweep = try folder.write(
            """
            name: resume
            repetitions: 15
            warmup: 0
            scenarios:
              - command:
                  run: sleep {seconds}
                  seconds: [0.02, 0.03]
            """, to: "resume.yaml")
        let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
        let db = folder.path("speedlab.sqlite")
        try await ReliabilityTests.waitForSamples(4, in: db)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let kept = try Self.integer("SELECT COUNT(*) FROM sample", in: db)
        #expect(kept >= 4 && kept < 30)
        let resumed = try SpeedLabCommand.run(["run", "--resume", "latest", "--no-report"], in: folder.url)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(try Self.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == 30)
        #expect(try Self.text("SELECT status FROM run", in: db) == "completed")
        #expect(
            try Self.integer("SELECT COUNT(*) FROM (SELECT DISTINCT pointId, repetition FROM sample)", in: db) == 30)
    }
}

/// `speedlab bench`: the one-liner makes the run its sweep stands for.
@Suite(.serialized) struct BenchCommandTests {
    @Test(.timeLimit(.minutes(2)))
    func benchStoresTheSweepItStandsForWithTheFirstCommandAsBaseline() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(
            [
                "bench", "-L", "n=1,2", "--runs", "3", "--warmup", "0", "--no-report", "--", "sleep 0.0{n}",
                "sleep 0.00{n}",
            ], in: folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("speedups"), "\(result.stdout)")
        let db = folder.path("speedlab.sqlite")
        let yaml = try #require(try ReliabilityTests.text("SELECT sweepYAML FROM run", in: db))
        #expect(
            yaml.contains("  - command:\n      name: \"sleep\"\n      run: \"sleep 0.0{n}\"\n      \"n\": [1, 2]\n"))
        #expect(
            yaml.contains(
                "      name: \"sleep-2\"\n      run: \"sleep 0.00{n}\"\n      \"n\": [1, 2]\n      baseline: \"sleep\"\n"
            ))
        #expect(try ReliabilityTests.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == 12)
        #expect(
            try ReliabilityTests.integer(
                "SELECT COUNT(*) FROM point p JOIN point b ON b.id = p.baselinePointId WHERE p.scenario = 'sleep-2' "
                    + "AND b.scenario = 'sleep' AND b.parameters = p.parameters", in: db) == 2)
        #expect(
            try ReliabilityTests.text(
                "SELECT json_extract(command, '$.argv[1]') FROM point WHERE parameters = '{\"n\":2}' "
                    + "AND scenario = 'sleep'", in: db) == "0.02")
        // The same sweep from a file makes the same points.
        let file = try folder.write(yaml, to: "same.yaml")
        let again = try SpeedLabCommand.run(["run", file, "--no-report", "--db", "file.sqlite"], in: folder.url)
        #expect(again.exitCode == 0, "\(again.stderr)")
        let points = "SELECT group_concat(scenario || parameters, ';') FROM (SELECT * FROM point ORDER BY ordinal)"
        #expect(
            try ReliabilityTests.text(points, in: db) == ReliabilityTests.text(points, in: folder.path("file.sqlite")))
    }

    /// A command's parameter `n` and metric `n` beside the table's own `n` column, and a
    /// parameter `status` beside points.csv's `status`: every header stays one thing.
    @Test(.timeLimit(.minutes(2)))
    func parametersAndMetricsNamedLikeReportColumnsStayApart() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = try folder.write("#!/bin/sh\necho \"n=$1\" > \"$SPEEDLAB_METRICS\"\n", to: "own.sh")
        #expect(chmod(script, 0o755) == 0)
        let result = try SpeedLabCommand.run(
            ["bench", "-L", "n=1,2", "-L", "status=7", "--runs", "3", "--warmup", "0", "--", "./own.sh {n} {status}"],
            in: folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try String(contentsOfFile: folder.path("reports/1/report.md"), encoding: .utf8)
        let header = try #require(report.split(separator: "\n").first { $0.hasPrefix("| {n} |") }, "\(report)")
        let cells = header.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells.filter { $0 == "n" }.count == 1, "\(header)")  // the samples column only
        #expect(cells.contains("n (metric)"), "\(header)")
        #expect(Set(cells).count == cells.count, "\(header)")
        let csv = try String(contentsOfFile: folder.path("reports/1/points.csv"), encoding: .utf8)
        let columns = try #require(csv.split(separator: "\r\n").first).split(separator: ",").map(String.init)
        #expect(columns.contains("param_status") && columns.contains("n") && columns.contains("mean_n"), "\(columns)")
        #expect(Set(columns).count == columns.count, "\(columns)")
    }

    @Test func aParameterNoCommandUsesIsAUsageError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(["bench", "-L", "x=1,2", "--", "true"], in: folder.url)
        #expect(result.exitCode == 64, "\(result.stderr)")
        #expect(result.stderr.contains("parameter 'x' is used by no command"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("speedlab.sqlite")))
    }

    @Test func aMissingProgramIsNamedWithExitCode66() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try SpeedLabCommand.run(["bench", "--", "no-such-program-xyz --flag"], in: folder.url)
        #expect(result.exitCode == 66, "\(result.stderr)")
        #expect(result.stderr.contains("'no-such-program-xyz' was not found"), "\(result.stderr)")
    }
}

/// `compare --metric NAME` and `history --metric NAME` follow a command's own metrics.
@Suite(.serialized) struct CommandMetricComparisonTests {
    @Test(.timeLimit(.minutes(2)))
    func compareAndHistoryFollowACommandsOwnMetric() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = FixturePaths.fixtures.appendingPathComponent("commands/metrics.sh").path
        let sweep = try folder.write(
            "name: m\nrepetitions: 6\nwarmup: 0\nscenarios:\n  - command:\n      name: my-agent\n"
                + "      run: \(script) {concurrency}\n      concurrency: [2, 4]\n", to: "m.yaml")
        for _ in 0..<2 {
            let run = try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url)
            #expect(run.exitCode == 0, "\(run.stderr)")
        }
        let compared = try SpeedLabCommand.run(
            ["compare", "1", "2", "--metric", "tokens_per_s:higher"], in: folder.url)
        #expect(compared.exitCode == 0, "\(compared.stderr)")
        #expect(compared.stdout.contains("tokens_per_s:higher"), "\(compared.stdout)")
        #expect(compared.stdout.contains("my-agent `concurrency=2`"), "\(compared.stdout)")
        #expect(!compared.stdout.contains("Not comparable"), "\(compared.stdout)")
        let seen = try SpeedLabCommand.run(["compare", "1", "2", "--metric", "concurrency_seen"], in: folder.url)
        #expect(seen.stdout.contains("unchanged"), "\(seen.stdout)")
        let missing = try SpeedLabCommand.run(["compare", "1", "2", "--metric", "tokens_per_sec"], in: folder.url)
        #expect(missing.exitCode == 64)
        #expect(
            missing.stderr.contains("has metric 'tokens_per_sec'. Did you mean 'tokens_per_s'? Metrics: wall, cpu"),
            "\(missing.stderr)")
        let history = try SpeedLabCommand.run(["history", "--metric", "tokens_per_s:higher"], in: folder.url)
        #expect(history.exitCode == 0, "\(history.stderr)")
        #expect(history.stdout.contains("tokens_per_s"), "\(history.stdout)")
        #expect(history.stdout.contains("concurrency=4"), "\(history.stdout)")
        let bad = try SpeedLabCommand.run(["compare", "1", "2", "--metric", "bad name"], in: folder.url)
        #expect(bad.exitCode == 64, "\(bad.stderr)")
    }
}

/// `history` names a command's program when it changed between the runs on either side of a step.
@Suite(.serialized) struct CommandHistoryTests {
    @Test(.timeLimit(.minutes(3)))
    func aStepAfterTheProgramChangedNamesTheNewHash() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let program = folder.path("work.sh")
        func write(seconds: String) throws {
            try "#!/bin/sh\nsleep \(seconds)\n".write(toFile: program, atomically: true, encoding: .utf8)
            chmod(program, 0o755)
        }
        let sweep = try folder.write(
            "name: h\nrepetitions: 5\nwarmup: 0\nscenarios:\n  - command:\n      name: work\n"
                + "      run: \(program) {n}\n      n: [1]\n", to: "h.yaml")
        for index in 0..<10 {
            if index == 0 { try write(seconds: "0.01") }
            if index == 5 { try write(seconds: "0.08") }
            let run = try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url)
            #expect(run.exitCode == 0, "\(run.stderr)")
        }
        let history = try SpeedLabCommand.run(["history"], in: folder.url)
        #expect(history.exitCode == 0, "\(history.stderr)")
        #expect(history.stdout.contains("executable \(program) changed (hash "), "\(history.stdout)")
    }
}
