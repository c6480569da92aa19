import SpeedLabCore

/// A scenario that takes its own measurements: a command, whose wall time, CPU, switches and
/// peak RSS come from `wait4` of its child, not from this process's `getrusage`.
///
/// The runner calls ``measure(repetition:isWarmup:warn:)`` instead of timing ``Scenario/run(in:)``
/// itself. Such a scenario has no spans, so it gets no traced repetition.
public protocol SelfMeasuringScenario: Scenario {
    /// Checks, before a run is created or taken up, that the scenario can run at all (its
    /// program exists and is executable); throws with a message naming what is missing.
    func check() throws

    /// Measures one repetition; `warn` receives problems worth telling that do not fail it
    /// (a malformed metrics line). Throws when the repetition failed (a non-zero exit).
    func measure(repetition: Int, isWarmup: Bool, warn: @Sendable (String) -> Void) async throws -> Sample

    /// Runs after the point's last repetition of this session (a command's `cleanup`): at the
    /// end of the run, as soon as the point failed, or when the run is interrupted. The runner
    /// may call it more than once; it does its work at most once, and only for a point that
    /// measured (or began to) in this session.
    func finish() async throws
}
