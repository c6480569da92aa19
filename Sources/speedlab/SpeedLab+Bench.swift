import ArgumentParser
import Foundation
import SpeedLabCommands
import SpeedLabCore
import SpeedLabEngine
import SpeedLabStore
import SpeedLabTransport

extension SpeedLab {
    /// `speedlab bench -- CMD…`: time commands as one run, like the sweep file it stands for.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time commands of your own (a one-line sweep of `command` points) and store every sample.",
            discussion: """
                Examples:
                  speedlab bench -- 'sleep 0.01'
                  speedlab bench -L c=1,8,32 -- 'python3 examples/agent.py --concurrency {c}'
                  speedlab bench --runs auto -- 'python3 app.py' './app'    # the first is the baseline
                  speedlab bench -P n=1..4 --reference 'sort -n big.txt' -- 'sort -n --parallel={n} big.txt'
                The run stores the sweep YAML these flags stand for (`speedlab show RUN` prints it).
                Exit codes: 0 completed, 1 a command failed, 64 usage, 66 a program not found, 130 interrupted.
                """)

        @OptionGroup var store: StoreOptions
        @Option(
            name: .customShort("L"),
            help: ArgumentHelp("A parameter's values (fills {NAME}); repeatable.", valueName: "NAME=a,b,c"))
        var list: [String] = []
        @Option(
            name: .customShort("P"),
            help: ArgumentHelp("A parameter's range (fills {NAME}); repeatable.", valueName: "NAME=FROM..TO[:STEP]"))
        var range: [String] = []
        @Option(help: "Measured repetitions per point, 1 to 100000, or `auto` (default 10).")
        var runs: RepetitionsArgument?
        @Option(help: "Unmeasured warm-up repetitions per point, 0 to 10000.") var warmup = 1
        @Option(help: "The command the others are compared with (default: the first).") var reference: String?
        @Option(help: "A label stored with the run.") var label: String?
        @Option(help: "Where stdout goes: null, pipe, inherit or a file.") var output = "null"
        @Option(help: "Seconds a repetition may take before its process group is killed.") var timeout: Double?
        @Flag(help: "Do not write the report (reports/<run-id>/) when the run ends.") var noReport = false
        @Argument(parsing: .postTerminator, help: "The commands, after --.") var commands: [String] = []

        func validate() throws {
            guard !commands.isEmpty else { throw ValidationError("give the commands to time after --.") }
            if case .fixed(let count) = runs?.count, !(1...100_000).contains(count) {
                throw ValidationError("--runs must be from 1 to 100000, or auto (got \(count)).")
            }
            guard (0...10_000).contains(warmup) else {
                throw ValidationError("--warmup must be from 0 to 10000 (got \(warmup)).")
            }
            if let timeout, !(timeout > 0 && timeout <= 86_400) {
                throw ValidationError("--timeout must be above 0 and at most 86400 seconds (got \(timeout)).")
            }
        }

        func run() async throws {
            let yaml: String
            do {
                let parameters = try list.map(BenchSweep.list) + range.map(BenchSweep.range)
                yaml = try BenchSweep(
                    commands: commands, parameters: parameters, repetitions: runs?.count ?? .fixed(10), warmup: warmup,
                    reference: reference, label: label, output: OutputMode(output), timeoutSeconds: timeout
                ).yaml()
            } catch {
                throw ValidationError(error.description)
            }
            try await RunMeasurement.measure(
                sweepYAML: yaml, source: "speedlab bench", store: store, writesReport: !noReport)
        }
    }
}
