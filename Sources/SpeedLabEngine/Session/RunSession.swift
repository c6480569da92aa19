import SpeedLabCore
import SpeedLabScenarios
import SpeedLabTransport

/// Owns the life of a run: calibrates the kernel, computes ideal times, opens the run and
/// registers its points in a ``RunRecorder``, measures the interleaved schedule, records
/// every sample, and gives the run its final status; or takes up a stopped run where it
/// ended (`--resume`).
///
/// Cancel the task that awaits ``start(_:points:)`` or ``resume(_:)`` (SIGINT, SIGTERM) and
/// the session stops after the current sample, keeps every finished sample and marks the run
/// `interrupted`. The caller only prints what it reports and maps the outcome to an exit code.
public struct RunSession: Sendable {
    public let recorder: any RunRecorder
    public var environment: RunEnvironment
    public var registry: ScenarioRegistry
    /// Measures the kernel's cost per unit on this machine (once per new run).
    public var calibrateKernel: @Sendable () -> Double
    public var makeContext: @Sendable () -> ScenarioContext
    /// Where `transport: http` points find their services (nil: such points cannot run).
    public var services: ServicesEndpoint?
    /// Whether each point gets a traced repetition after its measured ones (`--no-trace`: no).
    public var traces = true
    public var onEvent: @Sendable (RunEvent) -> Void
    /// How often a measuring session shows the recorder its process is alive.
    public static let heartbeatInterval: Duration = .seconds(30)

    public init(
        recorder: any RunRecorder,
        environment: RunEnvironment = EnvironmentProbe.current(),
        registry: ScenarioRegistry = .standard,
        calibrateKernel: @escaping @Sendable () -> Double = { KernelCalibration.measure().nanosPerUnit },
        makeContext: @escaping @Sendable () -> ScenarioContext = { ScenarioContext() },
        services: ServicesEndpoint? = nil,
        onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) {
        self.recorder = recorder
        self.environment = environment
        self.registry = registry
        self.calibrateKernel = calibrateKernel
        self.makeContext = makeContext
        self.services = services
        self.onEvent = onEvent
    }

    /// Opens a new run of `sweep` (expanded into `points`) and measures it. Services that
    /// cannot be started or reached stop it before anything is stored.
    public func start(_ sweep: Sweep, points: [PlannedPoint]) async throws -> RunOutcome {
        let started = ContinuousClock.now
        try Self.checkCommands(points)
        let realIO = try await openRealIO(for: points, roundTripNanos: nil)
        return try await closing(realIO) {
            let kernel = calibrateKernel()
            let run = try recorder.createRun(
                NewRun(
                    label: sweep.label, sweepName: sweep.name, sweepYAML: sweep.yaml, sweepSource: sweep.source,
                    repetitions: sweep.repetitions, warmup: sweep.warmup, seed: sweep.seed, environment: environment,
                    kernelNanosPerUnit: kernel, adaptive: sweep.adaptive,
                    httpRoundTripNanos: realIO?.resources.roundTripNanos))
            let plan = RunPlan(
                points: points, repetitions: sweep.repetitions, warmup: sweep.warmup, adaptive: sweep.adaptive)
            return try await registerAndMeasure(
                plan, run: run, kernelNanosPerUnit: kernel, network: realIO?.resources, resumed: false,
                started: started)
        }
    }

    /// Starts or reaches the services when a point uses `transport: http`, with the
    /// database when one uses `db: sqlite`; nil when no point needs real I/O.
    private func openRealIO(for points: [PlannedPoint], roundTripNanos: Double?) async throws -> RealIO? {
        let http = points.contains { point in
            if point.parameters.chosen(ParameterCatalog.transport) == Transport.http { return true }
            guard let llm = point.scenario as? LLMScenario, case .services = llm.endpoint else { return false }
            return true
        }
        let streams = points.contains { $0.scenario is LLMScenario }
        guard http || streams else { return nil }
        guard TransportBuild.hasHTTP else { throw RealIOError.notBuilt }
        guard http else { return try RealIO.streamingOnly() }  // llm points against servers of their own
        let clients = Set(points.compactMap { $0.parameters.chosen(ParameterCatalog.client) as HTTPClientKind? })
        for client in clients.sorted(by: { $0.rawValue < $1.rawValue }) {
            if !TransportBuild.has(client), let trait = client.packageTrait {
                throw RealIOError.clientNotBuilt(client: client.rawValue, trait: trait)
            }
        }
        guard let services else {
            throw RealIOError.servicesDidNotStart("this session has no way to start or reach services")
        }
        let database = points.contains { $0.parameters.chosen(ParameterCatalog.database) == DatabaseService.sqlite }
        let realIO: RealIO
        do {
            realIO = try await RealIO.open(services, needsDatabase: database, roundTripNanos: roundTripNanos)
        } catch {
            // A signal while the services start makes their start fail; that is an interruption.
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
        if Task.isCancelled {
            await realIO.close()
            throw CancellationError()
        }
        onEvent(
            .servicesReady(
                url: realIO.servicesURL, started: services.startsServices,
                roundTripNanos: realIO.resources.roundTripNanos))
        return realIO
    }

    /// Runs `body`, then closes the run's real I/O (stops the services it started) whether
    /// `body` returned or threw.
    private func closing(_ realIO: RealIO?, _ body: () async throws -> RunOutcome) async throws -> RunOutcome {
        do {
            let outcome = try await body()
            await realIO?.close()
            return outcome
        } catch {
            await realIO?.close()
            throw error
        }
    }

    /// Takes up run `id` where it stopped: re-expands its stored sweep, registers any point it
    /// never registered (a run killed before that holds none), and measures only the
    /// repetitions no stored sample has, checked against the checksums already stored.
    /// With `force`, a run that still reads `running` (recorded on another host, or whose
    /// process id now belongs to another process) is taken over.
    public func resume(_ id: RunID, force: Bool = false) async throws -> RunOutcome {
        let started = ContinuousClock.now
        let prepared = try resumePlan(id, force: force)
        guard prepared.recorded.status != .completed else {
            return RunOutcome(
                run: id, ending: .alreadyCompleted, points: prepared.recorded.points.count, samplesStored: 0,
                measuredSamplesStored: 0,
                failures: [], elapsed: started.duration(to: .now))
        }
        let unfinished = prepared.plan.entries.filter { entry in
            prepared.plan.missingRepetitions(entry) > 0 || (traces && !entry.hasTrace && entry.point.hasSpans)
        }
        try Self.checkCommands(unfinished.map(\.point))
        let realIO = try await openRealIO(
            for: unfinished.map(\.point), roundTripNanos: prepared.recorded.httpRoundTripNanos)
        return try await closing(realIO) {
            guard
                try recorder.reopenRun(prepared.recorded, processID: environment.processID, host: environment.host)
            else { throw RunSessionError.takenByAnotherProcess(run: id) }
            return try await registerAndMeasure(
                prepared.plan, run: id, kernelNanosPerUnit: prepared.recorded.kernelNanosPerUnit,
                network: realIO?.resources, resumed: true, started: started)
        }
    }

    /// What resuming run `id` would measure, read without writing anything: the run as
    /// recorded and the plan of its stored sweep, with what every point already holds.
    /// A run whose process is still alive, or that holds points its sweep no longer expands
    /// to, cannot be resumed.
    public func resumePlan(_ id: RunID, force: Bool = false) throws -> (recorded: RecordedRun, plan: RunPlan) {
        let recorded = try recorder.recordedRun(id)
        if recorded.status == .running {
            guard force else {
                throw RunSessionError.stillRunning(run: id, processID: recorded.processID, host: recorded.host)
            }
            onEvent(
                .warning(
                    "run \(id) reads running (process \(recorded.processID) on \(recorded.host)); --force takes it "
                        + "over. If that process is still measuring, both write to the run."))
        }
        var sweep = try SweepFile.parse(
            recorded.sweepYAML, source: "run \(id) (\(recorded.sweepSource))", registry: registry)
        sweep.repetitions = recorded.repetitions
        sweep.warmup = recorded.warmup
        sweep.adaptive = recorded.adaptive
        let points = try ParameterGrid(registry: registry).expand(sweep, pointLimit: nil)
        let expanded = Set(points.map(\.key))
        let outside = recorded.points.keys.filter { !expanded.contains($0) }.sorted()
        guard outside.isEmpty else { throw RunSessionError.pointsOutsideSweep(run: id, points: outside) }
        let entries = points.map { point in
            let stored = recorded.points[point.key]
            return RunPlan.Entry(
                point: point, pointID: stored?.id, measured: stored?.measuredRepetitions ?? [],
                checksum: stored?.checksum, measuredWallNanos: stored?.measuredWallNanos ?? [],
                hasTrace: stored?.hasTrace ?? false)
        }
        return (
            recorded,
            RunPlan(
                entries: entries, repetitions: recorded.repetitions, warmup: recorded.warmup,
                adaptive: recorded.adaptive)
        )
    }

    /// Registers every point of `plan` with its ideal time (a point the run already holds keeps
    /// its id and samples), then measures what the plan misses. A run whose points cannot be
    /// registered is marked failed.
    private func registerAndMeasure(
        _ plan: RunPlan, run: RunID, kernelNanosPerUnit: Double, network: NetworkResources?, resumed: Bool,
        started: ContinuousClock.Instant
    ) async throws -> RunOutcome {
        let ideal = IdealTimeTable(
            points: plan.points, kernelNanosPerUnit: kernelNanosPerUnit, cores: environment.logicalCores,
            roundTripNanos: network?.roundTripNanos ?? 0)
        let ids: [PointKey: PointID]
        do {
            ids = try recorder.registerPoints(plan.points.map(ideal.newPoint), run: run)
        } catch {
            try? recorder.finishRun(run, status: .failed)
            throw error
        }
        let registered = RunPlan(
            entries: plan.entries.map { entry in
                var entry = entry
                entry.pointID = ids[entry.point.key]
                return entry
            }, repetitions: plan.repetitions, warmup: plan.warmup, adaptive: plan.adaptive)
        onEvent(.opened(run: run, resumed: resumed, missingSamples: registered.missingSamples))
        warnIfDebugBuild()
        return try await measure(registered, run: run, network: network, started: started)
    }

    /// Runs the plan and records the run's final status, whatever way the measuring ends.
    private func measure(_ plan: RunPlan, run: RunID, network: NetworkResources?, started: ContinuousClock.Instant)
        async throws -> RunOutcome
    {
        let makeContext = self.makeContext
        let runner = Runner(
            recorder: recorder,
            makeContext: {
                var context = makeContext()
                context.network = network
                return context
            }, traces: traces, onEvent: onEvent)
        let heartbeat = Task { [recorder] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.heartbeatInterval)
                if !Task.isCancelled { try? recorder.heartbeat(run) }
            }
        }
        defer { heartbeat.cancel() }
        let result: RunResult
        do {
            result = try await runner.run(plan)
        } catch {
            try? recorder.finishRun(run, status: .failed)
            throw error
        }
        let ending: RunOutcome.Ending
        switch result.ending {
        case .completed: ending = .completed
        case .interrupted: ending = .interrupted
        case .failed: ending = .failed
        }
        try recorder.finishRun(run, status: RunStatus(ending))
        return RunOutcome(
            run: run, ending: ending, points: plan.entries.count, samplesStored: result.samplesStored,
            measuredSamplesStored: result.measuredSamplesStored,
            failures: result.failures, elapsed: started.duration(to: .now))
    }

    /// Checks that every command point can run (its program exists and is executable, its
    /// working directory exists) before a run is created or taken up: nothing is stored otherwise.
    static func checkCommands(_ points: [PlannedPoint]) throws {
        for point in points {
            if case .selfMeasuring(let command) = point.scenario.measurement { try command.check() }
        }
    }

    private func warnIfDebugBuild() {
        guard environment.isDebugBuild else { return }
        onEvent(
            .warning("this is a debug build: timings are not representative. Use `swift run -c release speedlab run`."))
    }
}

extension RunStatus {
    /// The final status a session ending gives a run.
    init(_ ending: RunOutcome.Ending) {
        switch ending {
        case .completed, .alreadyCompleted: self = .completed
        case .interrupted: self = .interrupted
        case .failed: self = .failed
        }
    }
}
