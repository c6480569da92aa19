import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabStore
import SpeedLabTransport

extension SpeedLab {
    /// `speedlab run [SWEEP]`: measure a sweep into the database.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a sweep (the built-in default when no file is given) and store every sample.",
            discussion: """
                Examples:
                  speedlab run                                  # the built-in default sweep
                  speedlab run fixtures/sweeps/default.yaml --label nightly
                  speedlab run --only sequential --repetitions 3 --dry-run
                  speedlab run --resume 4                       # measure what run 4 is missing
                  speedlab run sweep.yaml --services http://10.0.0.5:8080   # services already running
                Points with `transport: http` call the loopback services, which the run starts as a
                child process (`speedlab services`) and stops on every way out.
                Exit codes: 0 completed, 1 a point failed, 64 usage, 65 bad sweep file,
                69 services unavailable, 130 interrupted.
                """)

        @Argument(help: "A sweep file (YAML). Default: the built-in sweep.")
        var sweep: String?
        @OptionGroup var store: StoreOptions
        @Option(help: "A label stored with the run (overrides the sweep's).") var label: String?
        @Option(
            parsing: .unconditional,
            help: "Measured repetitions per point, 1 to 100000, or `auto` (until each median is known to ±1 %).")
        var repetitions: RepetitionsArgument?
        @Option(
            parsing: .unconditional,
            help: "Unmeasured warm-up repetitions per point, 0 to 10000 (overrides the sweep's).")
        var warmup: Int?
        @Option(
            parsing: .upToNextOption, help: "Run only these scenarios (their baselines are added).",
            transform: ScenarioName.parse)
        var only: [ScenarioName] = []
        @Option(help: "Finish an interrupted or crashed run: measure only its missing samples.")
        var resume: RunReference?
        @Flag(help: "With --resume: take over a run that still reads running (another host, a reused process id).")
        var force = false
        @Flag(help: "Print the expanded points and an estimated duration; measure nothing.") var dryRun = false
        @Flag(help: "Allow a grid of more than 10,000 points.") var yes = false
        @Flag(help: "Do not write the report (reports/<run-id>/) when the run ends.") var noReport = false
        @Flag(help: "Skip the traced repetition each point gets after its measured ones (timelines, speedlab trace).")
        var noTrace = false
        @Option(
            help: ArgumentHelp(
                "Call services that already run at this URL (speedlab services) instead of starting them.",
                valueName: "url"))
        var services: String?

        func validate() throws {
            if case .fixed(let count) = repetitions?.count, !(1...100_000).contains(count) {
                throw ValidationError("--repetitions must be from 1 to 100000, or auto (got \(count)).")
            }
            if let warmup, !(0...10_000).contains(warmup) {
                throw ValidationError("--warmup must be from 0 to 10000 (got \(warmup)).")
            }
            if force, resume == nil { throw ValidationError("--force goes with --resume RUN.") }
            if let services { _ = try Self.servicesURL(services) }
            if resume != nil, sweep != nil || !only.isEmpty || repetitions != nil || warmup != nil || label != nil {
                throw ValidationError(
                    "--resume takes the sweep of the stored run; give no sweep file, --only, --repetitions, --warmup or --label."
                )
            }
        }

        func run() async throws {
            if let resume {
                let runs = try store.open(dryRun ? .read : .write(create: false))
                let id = try SpeedLabExitCode.reporting { try runs.resolveRun(resume.selector) }
                if dryRun {
                    let plan = try SpeedLabExitCode.reporting {
                        try RunSession(recorder: runs).resumePlan(id, force: force)
                    }
                    RunDryRun(
                        plan: plan.plan, status: plan.recorded.status,
                        kernelNanosPerUnit: plan.recorded.kernelNanosPerUnit, store: runs
                    ).print(resuming: id)
                    return
                }
                try await RunMeasurement(store: runs, writesReport: !noReport, services: endpoint, traces: !noTrace)
                    .measure {
                        [force] in
                        try await $0.resume(id, force: force)
                    }
                return
            }
            let (sweep, points) = try loadSweep()
            if dryRun {
                let plan = RunPlan(
                    points: points, repetitions: sweep.repetitions, warmup: sweep.warmup, adaptive: sweep.adaptive)
                var dryRun = RunDryRun(plan: plan)
                // Command points are estimated from earlier runs: read the store if there is one
                // (read-only, and never created by a dry run).
                if plan.entries.contains(where: { !$0.point.hasSpans }) { dryRun.store = existingStore() }
                dryRun.print(resuming: nil)
                return
            }
            let runs = try store.open(.write(create: true))
            try await RunMeasurement(store: runs, writesReport: !noReport, services: endpoint, traces: !noTrace).measure
            {
                try await $0.start(sweep, points: points)
            }
        }

        /// The store opened read-only, or nil when there is none yet (a SQLite file that does not
        /// exist) or it cannot be read.
        private func existingStore() -> (any RunDatabase)? {
            let location = store.location
            let isURL = location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
            guard isURL || FileManager.default.fileExists(atPath: location) else { return nil }
            return try? store.open(.read)
        }

        /// The services of `transport: http` points: `--services`, or this binary's own
        /// `speedlab services`, started for the run.
        private var endpoint: ServicesEndpoint {
            if let services, let url = try? Self.servicesURL(services) { return .connect(url) }
            let executable =
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            return .launch(executable: executable)
        }

        /// `--services` as the base URL the client calls (`http://HOST:PORT`), or why it cannot
        /// be one; the message never shows a password.
        static func servicesURL(_ text: String) throws -> String {
            let example = "--services takes an http://HOST:PORT URL, such as http://127.0.0.1:8080"
            let url: EndpointURL
            do throws(EndpointURLError) { url = try EndpointURL(text, schemes: ["http"]) } catch {
                throw ValidationError(TerminalText.safe("\(example): \(error)"))
            }
            guard url.user == nil, url.password == nil else {
                throw ValidationError(
                    TerminalText.safe(
                        "\(example) without a user or password (the services take no login; got \(EndpointURL.redacting(text)))."
                    ))
            }
            guard url.path.isEmpty || url.path == "/", url.query.isEmpty else {
                throw ValidationError(TerminalText.safe("\(example), with no path or query (got \(text))."))
            }
            return "http://\(url.hostInURL):\(url.port ?? 80)"
        }

        private func loadSweep() throws -> (sweep: Sweep, points: [PlannedPoint]) {
            try SpeedLabExitCode.reporting {
                var sweep =
                    try sweep.map { path throws(SweepFileError) in try SweepFile.load(path: path) }
                    ?? SweepFile.parse(DefaultSweep.yaml, source: DefaultSweep.source)
                sweep = try SweepOverrides(
                    only: only.map(\.name), repetitions: repetitions?.count, warmup: warmup, label: label
                ).apply(to: sweep)
                let points = try ParameterGrid().expand(
                    sweep, pointLimit: yes ? nil : ParameterGrid.defaultPointLimit)
                return (sweep, points)
            }
        }
    }
}
