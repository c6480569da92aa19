import Foundation
import SpeedLabCore
import SpeedLabScenarios

/// A user's own program at one point of the sweep: spawned through `speedlab-spawn` once per
/// repetition, and measured from `wait4` of that child (wall, CPU, switches, faults, peak RSS).
///
/// Its parameter values fill the template's placeholders and the environment
/// (`SPEEDLAB_PARAM_<NAME>`, `SPEEDLAB_REPETITION`, `SPEEDLAB_METRICS`). Under `/bin/sh -c`
/// the shell's start-up (``CommandRuntime/shellOverhead()``) is subtracted from the wall
/// time. Its checksum is 0 (it does no kernel work the engine could check).
public struct CommandScenario: SelfMeasuringScenario {
    public static let name = "command"
    public static let summary = "a program of your own, run as a process and timed from wait4"
    public static let parameters: [ParameterSpec] = []

    public let definition: CommandDefinition
    public let point: ParameterPoint
    let runtime: CommandRuntime

    public init(definition: CommandDefinition, point: ParameterPoint, runtime: CommandRuntime) {
        self.definition = definition
        self.point = point
        self.runtime = runtime
    }

    /// A command is built from its sweep entry, never from a point alone.
    public init(point: ParameterPoint) throws(ScenarioError) {
        throw .missingParameter(scenario: Self.name, name: "run")
    }

    public static func baseline(of point: ParameterPoint) -> BaselineReference? { nil }

    /// A command measures itself, from `wait4` of its child.
    public var measurement: MeasurementStrategy { .selfMeasuring(self) }

    /// No lower bound: SpeedLab cannot know what a program does.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        IdealTime(ioNanos: .nan, cpuNanos: .nan, nanos: .nan)
    }

    /// The point's values as text, by parameter name.
    var values: [String: String] { point.values.mapValues(\.canonicalText) }

    var directory: String { definition.workingDirectory ?? FileManager.default.currentDirectoryPath }

    var title: String { PointKey(scenario: definition.name, parameters: point).description }

    /// The program and argv of `template` at this point: `/bin/sh -c SCRIPT`, or the
    /// resolved program with the split words.
    func invocation(_ template: CommandTemplate) throws(CommandError) -> (ResolvedExecutable, [String]) {
        if template.usesShell {
            let shell = try runtime.resolve(CommandRuntime.shell, in: "/", command: definition.name)
            return (shell, [CommandRuntime.shell, "-c", template.shellScript(values)])
        }
        let argv = template.arguments(values)
        let program = try runtime.resolve(argv[0], in: directory, command: definition.name)
        return (program, argv)
    }

    public func check() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CommandError.workingDirectoryMissing(command: definition.name, path: directory) }
        if case .file(let path) = definition.output {  // opened by the helper, from SpeedLab's folder
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw CommandError.outputFolderMissing(command: definition.name, path: path) }
        }
        _ = try runtime.spawner()
        for template in [
            definition.template, definition.setup, definition.prepare, definition.conclude,
            definition.cleanup,
        ].compactMap({ $0 }) {
            _ = try invocation(template)
        }
    }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        _ = try await measure(repetition: 0, isWarmup: true, warn: { _ in })
        return ScenarioOutcome(checksum: 0)
    }

    /// One repetition on its way: the command launched, the file its metrics go to.
    struct Launched: LaunchedRepetition {
        let command: LaunchedCommand
        let repetition: Int
        let isWarmup: Bool
        let metricsPath: String
    }

    public func launch(repetition: Int, isWarmup: Bool) async throws -> any LaunchedRepetition {
        let spawner = try runtime.spawner()
        if runtime.firstUse(of: title), let setup = definition.setup {
            try await step(setup, stage: "setup", repetition: repetition, spawner: spawner)
        }
        if let prepare = definition.prepare {
            try await step(prepare, stage: "prepare", repetition: repetition, spawner: spawner)
        }
        let (request, metricsPath) = try repetitionRequest(repetition: repetition, isWarmup: isWarmup)
        let command = try spawner.launch(request, name: definition.name)
        return Launched(command: command, repetition: repetition, isWarmup: isWarmup, metricsPath: metricsPath)
    }

    /// Queued behind `previous` only when no step runs between repetitions (no prepare or
    /// conclude; the setup ran before `previous`).
    public func launchAhead(repetition: Int, isWarmup: Bool, after previous: any LaunchedRepetition) async
        -> (any LaunchedRepetition)?
    {
        guard definition.prepare == nil, definition.conclude == nil, let previous = previous as? Launched,
            let spawner = try? runtime.spawner(),
            let (request, metricsPath) = try? repetitionRequest(repetition: repetition, isWarmup: isWarmup)
        else { return nil }
        guard let command = spawner.launch(request, name: definition.name, after: previous.command) else {
            return nil
        }
        return Launched(command: command, repetition: repetition, isWarmup: isWarmup, metricsPath: metricsPath)
    }

    public func abandon(_ launched: any LaunchedRepetition) {
        guard let launched = launched as? Launched else { return }
        try? runtime.spawner().abandon(launched.command)
        unlink(launched.metricsPath)
    }

    public func collect(_ launched: any LaunchedRepetition, warn: @Sendable (String) -> Void) async throws -> Sample {
        guard let launched = launched as? Launched else {
            throw CommandError.helperFailed(
                command: definition.name, stage: "collect", reason: "a repetition launched by another scenario")
        }
        defer { unlink(launched.metricsPath) }
        let spawner = try runtime.spawner()
        let repetition = launched.repetition
        let usage = try await spawner.collect(launched.command)
        if let conclude = definition.conclude {
            try await step(conclude, stage: "conclude", repetition: repetition, spawner: spawner)
        }
        guard definition.ignoredFailures.accepts(usage) else {
            throw CommandFailure(stage: "command", repetition: repetition, usage: usage)
        }
        var metrics: [String: Double] = [
            Metric.exitCode.name: Double(usage.exitCode ?? -1), Metric.minorFaults.name: Double(usage.minorFaults),
            Metric.majorFaults.name: Double(usage.majorFaults),
            Metric.peakRSS.name: Double(usage.peakRSSBytes) / 1_048_576,
        ]
        if usage.signal != 0 { metrics[Metric.signal.name] = Double(usage.signal) }
        var measured = usage
        if definition.template.usesShell {
            let overhead = try await runtime.shellOverhead()
            metrics[Metric.shellOverhead.name] = Double(overhead.wallNanos) / 1e6
            measured.wallNanos = max(0, usage.wallNanos - overhead.wallNanos)
            measured.userNanos = max(0, usage.userNanos - overhead.userNanos)
            measured.systemNanos = max(0, usage.systemNanos - overhead.systemNanos)
        }
        if let bytes = MetricsFile.read(launched.metricsPath) {
            let reported = MetricsFile.parse(bytes: bytes)
            for message in reported.warnings where runtime.isNewWarning(title + message) {
                warn("\(title): \(message) (said once per point)")
            }
            metrics.merge(reported.metrics) { own, _ in own }
        }
        return Sample(
            repetition: repetition, isWarmup: launched.isWarmup, wallNanos: measured.wallNanos,
            userNanos: measured.userNanos, systemNanos: measured.systemNanos,
            voluntarySwitches: usage.voluntarySwitches, involuntarySwitches: usage.involuntarySwitches,
            peakRSSBytes: usage.peakRSSBytes, checksum: 0, metrics: metrics)
    }

    /// The request of one repetition, and the metrics file named in its environment.
    private func repetitionRequest(repetition: Int, isWarmup: Bool) throws -> (SpawnRequest, String) {
        let metricsPath = NSTemporaryDirectory() + "/speedlab-metrics-\(getpid())-\(UUID().uuidString)"
        let (program, argv) = try invocation(definition.template)
        let request = SpawnRequest(
            executable: program.path, arguments: argv,
            environment: environment(repetition: repetition, isWarmup: isWarmup, metricsPath: metricsPath),
            workingDirectory: directory, timeoutMilliseconds: Int64((definition.timeoutSeconds * 1_000).rounded()),
            output: definition.output)
        return (request, metricsPath)
    }

    /// Runs the cleanup step of this point once, if it has one and the point started in this
    /// run (its setup began, or its first repetition): at the end of the run, when the point
    /// failed, or when the run was interrupted.
    public func finish() async throws {
        guard let cleanup = definition.cleanup, runtime.claimCleanup(of: title) else { return }
        try await step(cleanup, stage: "cleanup", repetition: 0, spawner: try runtime.spawner())
    }

    /// An untimed step (setup, prepare, conclude, cleanup); a failure fails the point.
    private func step(_ template: CommandTemplate, stage: String, repetition: Int, spawner: CommandSpawner)
        async throws
    {
        let (program, argv) = try invocation(template)
        let request = SpawnRequest(
            executable: program.path, arguments: argv,
            environment: environment(repetition: repetition, isWarmup: false, metricsPath: "/dev/null"),
            workingDirectory: directory, timeoutMilliseconds: Int64((definition.timeoutSeconds * 1_000).rounded()),
            output: definition.output)
        let usage = try await spawner.run(request, name: "\(definition.name) \(stage)")
        guard usage.succeeded else { throw CommandFailure(stage: stage, repetition: repetition, usage: usage) }
    }

    /// SpeedLab's environment with the point's values, the repetition and the metrics file.
    func environment(repetition: Int, isWarmup: Bool, metricsPath: String) -> [String] {
        var parameters: [String: String] = [:]
        for (name, value) in values { parameters["SPEEDLAB_PARAM_" + Self.environmentName(name)] = value }
        return runtime.baseEnvironment + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [
            "SPEEDLAB_REPETITION=\(repetition)", "SPEEDLAB_WARMUP=\(isWarmup ? "1" : "0")",
            "SPEEDLAB_METRICS=\(metricsPath)",
        ]
    }

    /// `latency_ms` → `LATENCY_MS`; anything but letters and digits becomes `_`.
    static func environmentName(_ name: String) -> String {
        String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
