import Foundation
import SpeedLabCommands
import Testing

@Suite struct CommandSpawnerTests {
    @Test func exitStatusAndStderrTailAreReported() async throws {
        let usage = try await TestCommands.spawner().run(
            TestCommands.request(["./exit-with.sh", "3"]), name: "exit-with")
        #expect(usage.exitCode == 3)
        #expect(usage.signal == 0)
        #expect(!usage.succeeded)
        #expect(usage.standardErrorTail.contains("leaving with status 3"))
        #expect(usage.wallNanos > 0)
    }

    @Test func aSignalIsReportedAsTheEnding() async throws {
        let usage = try await TestCommands.spawner().run(
            TestCommands.request(["/bin/sh", "-c", "kill -9 $$"]), name: "self-kill")
        #expect(usage.exitCode == nil)
        #expect(usage.signal == 9)
        #expect(usage.ending == "killed by signal 9")
    }

    @Test func aTimeoutTermsThenKillsACommandThatIgnoresTerm() async throws {
        let directory = try TemporaryFolder()
        let pidFile = directory.path + "/pid"
        let usage = try await TestCommands.spawner().run(
            TestCommands.request(["./ignore-term.sh", pidFile], timeoutMilliseconds: 300), name: "ignore-term")
        #expect(usage.timedOut)
        #expect(usage.signal == 9)  // TERM was ignored: KILL after the 2 s grace
        #expect(usage.wallNanos >= 2_000_000_000)
        let pid = try #require(await TestCommands.awaitedPID(in: pidFile))
        #expect(TestCommands.eventually(seconds: 5) { !TestCommands.isAlive(pid) })
    }

    @Test func aGrandchildLeftInTheGroupIsKilledWhenTheCommandExits() async throws {
        let directory = try TemporaryFolder()
        let pidFile = directory.path + "/pid"
        let usage = try await TestCommands.spawner().run(
            TestCommands.request(["./fork-grandchild.sh", pidFile]), name: "fork-grandchild")
        #expect(usage.succeeded)
        let grandchild = try #require(await TestCommands.awaitedPID(in: pidFile))
        #expect(TestCommands.eventually(seconds: 5) { !TestCommands.isAlive(grandchild) })
    }

    /// How a repetition whose grandchild left the command's process group ends.
    enum Ending: String, CaseIterable, Sendable {
        case exits, timesOut, isCancelled
    }

    /// A grandchild that called setsid() is out of reach of a process-group kill; the helper is
    /// its subreaper and kills it however the repetition ends.
    @Test(.timeLimit(.minutes(2)), arguments: Ending.allCases)
    func aGrandchildThatLeftTheGroupDoesNotOutliveItsRepetition(ending: Ending) async throws {
        let directory = try TemporaryFolder()
        let marker = directory.path + "/setsid-pid"
        defer {
            TestCommands.killProcesses(withArgument: marker)
            withExtendedLifetime(directory) {}  // the folder the marker file goes to stays until the end
        }
        let argv = ["./setsid-grandchild.sh", marker] + (ending == .exits ? [] : ["stay"])
        let request = try TestCommands.request(argv, timeoutMilliseconds: ending == .timesOut ? 2_000 : 0)
        let spawner = try TestCommands.spawner()
        let task = Task { try await spawner.run(request, name: "setsid-grandchild") }
        let grandchild = try #require(await TestCommands.awaitedPID(in: marker))
        switch ending {
        case .exits: #expect(try await task.value.succeeded)
        case .timesOut: #expect(try await task.value.timedOut)
        case .isCancelled:
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
        #expect(
            TestCommands.eventually(seconds: 10) { TestCommands.processes(withArgument: marker).isEmpty },
            "the grandchild \(grandchild) outlived its repetition (\(ending))")
    }

    @Test func cancellingTheTaskKillsTheCommandsGroup() async throws {
        let directory = try TemporaryFolder()
        let pidFile = directory.path + "/pid"
        let request = try TestCommands.request(["./ignore-term.sh", pidFile])
        let spawner = try TestCommands.spawner()
        let task = Task { try await spawner.run(request, name: "ignore-term") }
        let pid = try #require(await TestCommands.awaitedPID(in: pidFile))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(TestCommands.eventually(seconds: 5) { !TestCommands.isAlive(pid) })
    }

    @Test func peakRSSIsTheCommandsOwnNotSpeedLabs() async throws {
        // Hold 256 MiB here, touched, so this process's high-water mark is far above the command's.
        let size = 256 << 20
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
        defer { block.deallocate() }
        for offset in stride(from: 0, to: size, by: 4096) {
            block.storeBytes(of: UInt8(1), toByteOffset: offset, as: UInt8.self)
        }
        let spawner = try TestCommands.spawner()
        let small = try await spawner.run(TestCommands.request(["/bin/true"]), name: "true")
        #expect(small.succeeded)
        #expect(small.peakRSSBytes > 0)
        #expect(small.peakRSSBytes < 3 << 20, "true reported \(small.peakRSSBytes) bytes")
        let large = try await spawner.run(TestCommands.request(["python3", "./allocate.py", "64"]), name: "allocate")
        #expect(large.succeeded)
        #expect(large.peakRSSBytes >= 64 << 20)
        #expect(large.peakRSSBytes < 200 << 20, "allocate 64 reported \(large.peakRSSBytes) bytes")
        #expect(block.load(fromByteOffset: size - 4096, as: UInt8.self) == 1)
    }

    @Test func outputModesSendStdoutWhereAsked() async throws {
        let directory = try TemporaryFolder()
        let file = directory.path + "/out.txt"
        let spawner = try TestCommands.spawner()
        _ = try await spawner.run(TestCommands.request(["/bin/echo", "one"], output: .file(file)), name: "echo")
        _ = try await spawner.run(TestCommands.request(["/bin/echo", "two"], output: .file(file)), name: "echo")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "one\ntwo\n")
        let piped = try await spawner.run(
            TestCommands.request(["/bin/sh", "-c", "head -c 1000000 /dev/zero"], output: .pipe), name: "pipe")
        #expect(piped.succeeded)
    }

    @Test func nonUTF8StderrIsKeptReadable() async throws {
        let usage = try await TestCommands.spawner().run(
            TestCommands.request(["/bin/sh", "-c", #"printf 'bad \377\376 bytes' >&2; exit 1"#]), name: "bytes")
        #expect(usage.exitCode == 1)
        #expect(usage.standardErrorTail.hasPrefix("bad "))
        #expect(usage.standardErrorTail.hasSuffix(" bytes"))
    }

    @Test func aMissingProgramIsNamed() {
        #expect(throws: CommandError.executableNotFound(command: "c", program: "no-such-program-xyz")) {
            try ResolvedExecutable.resolve("no-such-program-xyz", in: "/", path: "/usr/bin:/bin", command: "c")
        }
        let path = TestCommands.script("not-executable.sh")
        #expect(throws: CommandError.notExecutable(command: "c", path: path)) {
            try ResolvedExecutable.resolve(path, in: "/", path: nil, command: "c")
        }
    }
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "/speedlab-commands-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The premise of the helper, measured: a command spawned straight from a process holding
/// 256 MiB reports at least that much peak RSS from `wait4` (Linux folds the spawner's
/// high-water mark into the exec'd image), which is why commands go through speedlab-spawn.
@Suite struct PeakRSSPremiseTests {
    @Test func aDirectSpawnReportsTheSpawnersPeakRSS() throws {
        let size = 256 << 20
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
        defer { block.deallocate() }
        for offset in stride(from: 0, to: size, by: 4096) {
            block.storeBytes(of: UInt8(1), toByteOffset: offset, as: UInt8.self)
        }
        var pid = pid_t()
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(argv[0]) }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0)
        var status: Int32 = 0
        var usage = rusage()
        #expect(wait4(pid, &status, 0, &usage) == pid)
        #expect(Int(usage.ru_maxrss) * 1024 >= size, "direct spawn reported \(usage.ru_maxrss) KiB")
    }
}

/// The served helper: one `speedlab-spawn --serve` runs every repetition of a spawner, and a
/// cancelled repetition ends it (the next one starts another).
@Suite struct HelperServerTests {
    @Test func oneHelperRunsEveryRepetitionUntilOneIsCancelled() async throws {
        let folder = try TemporaryFolder()
        let parents = folder.path + "/parents"
        let spawner = try TestCommands.spawner()
        let record = try TestCommands.request(["/bin/sh", "-c", "echo $PPID >> \(parents)"])
        for _ in 0..<3 { #expect(try await spawner.run(record, name: "ppid").succeeded) }
        let first = try String(contentsOfFile: parents, encoding: .utf8).split(separator: "\n")
        #expect(first.count == 3 && Set(first).count == 1, "\(first)")
        let pidFile = folder.path + "/pid"
        let blocking = try TestCommands.request(["./ignore-term.sh", pidFile])
        let task = Task { try await spawner.run(blocking, name: "ignore-term") }
        let pid = try #require(await TestCommands.awaitedPID(in: pidFile))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(TestCommands.eventually(seconds: 5) { !TestCommands.isAlive(pid) })
        #expect(try await spawner.run(record, name: "ppid").succeeded)
        let all = try String(contentsOfFile: parents, encoding: .utf8).split(separator: "\n")
        #expect(all.count == 4 && Set(all).count == 2, "a new helper after the cancelled one: \(all)")
    }

    /// A command queued behind another starts when that one ends (not after SpeedLab read its
    /// report), on the same helper; the reports come back in order, and each keeps its own
    /// stderr although the second began before the first one's report was read.
    @Test func aQueuedCommandStartsWhenTheOneBeforeEndsAndKeepsItsOwnStderr() async throws {
        let folder = try TemporaryFolder()
        let log = folder.path + "/log"
        let spawner = try TestCommands.spawner()
        let first = try TestCommands.request([
            "/bin/sh", "-c", "sleep 0.3; echo first $PPID >> \(log); echo first-error >&2; exit 3",
        ])
        let second = try TestCommands.request([
            "/bin/sh", "-c", "echo second $PPID >> \(log); echo second-error >&2",
        ])
        let launched = try spawner.launch(first, name: "first")
        let queued = try #require(spawner.launch(second, name: "second", after: launched))
        #expect(spawner.launch(second, name: "third", after: launched) == nil, "one command queues, not two")
        // The second runs while nobody waits for the first's report.
        #expect(
            TestCommands.eventually(seconds: 10) {
                (try? String(contentsOfFile: log, encoding: .utf8))?.contains("second") == true
            })
        let firstUsage = try await spawner.collect(launched)
        let secondUsage = try await spawner.collect(queued)
        #expect(firstUsage.exitCode == 3 && firstUsage.standardErrorTail == "first-error\n")
        #expect(secondUsage.succeeded && secondUsage.standardErrorTail == "second-error\n")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("first ") && lines[1].hasPrefix("second "), "\(lines)")
        #expect(Set(lines.map { $0.split(separator: " ")[1] }).count == 1, "both on one helper: \(lines)")
    }

    /// Giving up on a command (the run was interrupted) stops it and the one queued behind it,
    /// which never starts; the next command gets a new helper.
    @Test func abandoningACommandStopsItAndTheOneQueuedBehind() async throws {
        let folder = try TemporaryFolder()
        let pidFile = folder.path + "/pid"
        let marker = folder.path + "/second-ran"
        let spawner = try TestCommands.spawner()
        let launched = try spawner.launch(try TestCommands.request(["./ignore-term.sh", pidFile]), name: "blocking")
        let queued = try #require(
            spawner.launch(
                try TestCommands.request(["/bin/sh", "-c", "touch \(marker)"]), name: "queued", after: launched))
        let pid = try #require(await TestCommands.awaitedPID(in: pidFile))
        spawner.abandon(launched)
        #expect(TestCommands.eventually(seconds: 5) { !TestCommands.isAlive(pid) })
        await #expect(throws: (any Error).self) { try await spawner.collect(queued) }
        #expect(!FileManager.default.fileExists(atPath: marker), "the queued command never started")
        #expect(try await spawner.run(try TestCommands.request(["/bin/true"]), name: "true").succeeded)
    }
}
