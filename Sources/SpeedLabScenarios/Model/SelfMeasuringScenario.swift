import SpeedLabCore

/// A scenario that takes its own measurements: a command, whose wall time, CPU, switches and
/// peak RSS come from `wait4` of its child, not from this process's `getrusage`.
///
/// The runner calls ``measure(repetition:isWarmup:warn:)`` instead of timing ``Scenario/run(in:)``
/// itself. Such a scenario has no spans, so it gets no traced repetition. Its
/// ``Scenario/measurement`` is `.selfMeasuring(self)`: that is how the engine tells it apart.
public protocol SelfMeasuringScenario: Scenario {
    /// Checks, before a run is created or taken up, that the scenario can run at all (its
    /// program exists and is executable); throws with a message naming what is missing.
    func check() throws

    /// Starts one repetition (after whatever must come before it, a command's setup or
    /// prepare step) without waiting for it; ``collect(_:warn:)`` waits for it.
    func launch(repetition: Int, isWarmup: Bool) async throws -> any LaunchedRepetition

    /// Starts one more repetition of this point queued behind `previous` (launched and not yet
    /// collected), so it begins the moment `previous` ends, while SpeedLab is still recording
    /// that one; nil when this point cannot run so (a step must run between its repetitions,
    /// or its program's output is not served). The runner collects both in order.
    func launchAhead(repetition: Int, isWarmup: Bool, after previous: any LaunchedRepetition) async
        -> (any LaunchedRepetition)?

    /// Waits for a launched repetition and returns its sample; `warn` receives problems worth
    /// telling that do not fail it (a malformed metrics line). Throws when the repetition
    /// failed (a non-zero exit).
    func collect(_ launched: any LaunchedRepetition, warn: @Sendable (String) -> Void) async throws -> Sample

    /// Gives up on a launched repetition without waiting for it (the run was interrupted):
    /// its process is stopped, and nothing queued behind it runs.
    func abandon(_ launched: any LaunchedRepetition)

    /// Runs after the point's last repetition of this session (a command's `cleanup`): at the
    /// end of the run, as soon as the point failed, or when the run is interrupted. The runner
    /// may call it more than once; it does its work at most once, and only for a point that
    /// measured (or began to) in this session.
    func finish() async throws
}

extension SelfMeasuringScenario {
    /// Measures one repetition: launched, then collected.
    public func measure(repetition: Int, isWarmup: Bool, warn: @Sendable (String) -> Void) async throws -> Sample {
        try await collect(try await launch(repetition: repetition, isWarmup: isWarmup), warn: warn)
    }
}

/// A repetition a ``SelfMeasuringScenario`` launched and has not collected yet.
public protocol LaunchedRepetition: Sendable {}
