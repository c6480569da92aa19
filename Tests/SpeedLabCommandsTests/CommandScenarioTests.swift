import Foundation
import SpeedLabCommands
import SpeedLabCore
import SpeedLabScenarios
import Synchronization
import Testing

/// Collects the warnings a measurement gives.
final class Warnings: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func add(_ line: String) { lines.withLock { $0.append(line) } }
}

@Suite struct CommandScenarioTests {
    static func scenario(
        _ run: String, _ values: [String: ParameterValue] = [:], configure: (inout CommandDefinition) -> Void = { _ in }
    ) throws -> CommandScenario {
        var definition = CommandDefinition(name: "test", template: try CommandTemplate(run))
        definition.workingDirectory = TestCommands.folder
        configure(&definition)
        return CommandScenario(definition: definition, point: ParameterPoint(values), runtime: CommandRuntime())
    }

    @Test func aValueWithQuotesAndSemicolonsReachesTheProgramAsOneArgument() async throws {
        let folder = try TemporaryFolder()
        let value = #"a "b" 'c'; touch injected $(touch injected2) `touch injected3`"#
        for run in ["./args.sh {out} {v} end", "./args.sh {out} {v} end | cat", #"./args.sh {out} "{v}" '{v}' ; true"#]
        {
            let scenario = try Self.scenario(run, ["out": .text(folder.path + "/args.txt"), "v": .text(value)])
            _ = try await scenario.measure(repetition: 1, isWarmup: false, warn: { _ in })
            let lines = try String(contentsOfFile: folder.path + "/args.txt", encoding: .utf8).split(separator: "\n")
            let expected = run.contains("'{v}'") ? [value, value] : [value, "end"]
            #expect(lines.map(String.init) == expected, "\(run)")
        }
        for name in ["injected", "injected2", "injected3"] {
            #expect(!FileManager.default.fileExists(atPath: TestCommands.folder + "/" + name))
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/" + name))
        }
    }

    @Test func metricsAndParametersReachTheCommandAndComeBack() async throws {
        let warnings = Warnings()
        let scenario = try Self.scenario("./metrics.sh {concurrency}", ["concurrency": .integer(8)])
        let sample = try await scenario.measure(repetition: 3, isWarmup: false, warn: warnings.add)
        #expect(sample.metrics["tokens_per_s"] == 103)
        #expect(sample.metrics["ttft"] == 0.25)
        #expect(sample.metrics["concurrency_seen"] == 8)
        #expect(sample.metrics["exit_code"] == 0)
        #expect(sample.checksum == 0)
        #expect(sample.repetition == 3)
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.contains("not NAME=VALUE") == true)
    }

    @Test func aNonZeroExitFailsTheRepetitionWithItsStderr() async throws {
        let scenario = try Self.scenario("./exit-with.sh {code}", ["code": .integer(4)])
        do {
            _ = try await scenario.measure(repetition: 2, isWarmup: false, warn: { _ in })
            Issue.record("a failing command was measured")
        } catch let failure as CommandFailure {
            #expect(failure.usage.exitCode == 4)
            #expect(failure.repetition == 2)
            #expect(failure.description.contains("exited with code 4 in repetition 2"))
            #expect(failure.description.contains("leaving with status 4"))
        }
    }

    @Test func ignoreFailureAcceptsListedCodesOnly() async throws {
        let listed = try Self.scenario("./exit-with.sh 4") { $0.ignoredFailures = .codes([4]) }
        let sample = try await listed.measure(repetition: 1, isWarmup: false, warn: { _ in })
        #expect(sample.metrics["exit_code"] == 4)
        let other = try Self.scenario("./exit-with.sh 5") { $0.ignoredFailures = .codes([4]) }
        await #expect(throws: CommandFailure.self) {
            _ = try await other.measure(repetition: 1, isWarmup: false, warn: { _ in })
        }
        let all = try Self.scenario("./exit-with.sh 5") { $0.ignoredFailures = .all }
        #expect(try await all.measure(repetition: 1, isWarmup: false, warn: { _ in }).metrics["exit_code"] == 5)
    }

    @Test func aShellCommandHasItsMeasuredOverheadSubtracted() async throws {
        let scenario = try Self.scenario("true | true")
        let sample = try await scenario.measure(repetition: 1, isWarmup: false, warn: { _ in })
        let overhead = try #require(sample.metrics["shell_overhead_ms"])
        #expect(overhead > 0)
        #expect(overhead < 1_000)
        #expect(sample.wallNanos >= 0)
        let direct = try Self.scenario("true")
        #expect(
            try await direct.measure(repetition: 1, isWarmup: false, warn: { _ in }).metrics["shell_overhead_ms"] == nil
        )
    }

    @Test func setupRunsOncePerPointAndPrepareEveryRepetition() async throws {
        let folder = try TemporaryFolder()
        let log = folder.path + "/log"
        let scenario = try Self.scenario("true", ["log": .text(log)]) {
            $0.template = try! CommandTemplate("true {log}")
            $0.setup = try! CommandTemplate("./count-runs.sh {log} setup")
            $0.prepare = try! CommandTemplate("./count-runs.sh {log} prepare")
            $0.conclude = try! CommandTemplate("./count-runs.sh {log} conclude")
            $0.cleanup = try! CommandTemplate("./count-runs.sh {log} cleanup")
        }
        for repetition in 1...2 {
            _ = try await scenario.measure(repetition: repetition, isWarmup: false, warn: { _ in })
        }
        try await scenario.finish()
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == ["setup", "prepare", "conclude", "prepare", "conclude", "cleanup"])
    }

    @Test func cleanupRunsOnceAndOnlyForAPointThatStarted() async throws {
        let folder = try TemporaryFolder()
        let log = folder.path + "/log"
        func scenario() throws -> CommandScenario {
            try Self.scenario("true") { $0.cleanup = try! CommandTemplate("./count-runs.sh \(log) cleanup") }
        }
        try await scenario().finish()  // never measured: nothing to clean up
        #expect(!FileManager.default.fileExists(atPath: log))
        let started = try scenario()
        _ = try await started.measure(repetition: 1, isWarmup: false, warn: { _ in })
        try await started.finish()
        try await started.finish()  // the runner may ask again (after a failure, then at the end)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "cleanup\n")
    }

    @Test func aFailingSetupFailsThePointNamingTheStep() async throws {
        let scenario = try Self.scenario("true") { $0.setup = try! CommandTemplate("./exit-with.sh 2") }
        do {
            _ = try await scenario.measure(repetition: 1, isWarmup: false, warn: { _ in })
            Issue.record("the failing setup was ignored")
        } catch let failure as CommandFailure {
            #expect(failure.stage == "setup")
            #expect(failure.description.hasPrefix("its setup step exited with code 2"))
        }
    }

    @Test func checkNamesAMissingProgramAndDirectory() throws {
        #expect(throws: CommandError.executableNotFound(command: "test", program: "no-such-program-xyz")) {
            try Self.scenario("no-such-program-xyz --flag").check()
        }
        #expect(throws: CommandError.workingDirectoryMissing(command: "test", path: "/no/such/folder")) {
            try Self.scenario("true") { $0.workingDirectory = "/no/such/folder" }.check()
        }
        try Self.scenario("true").check()
    }
}
