import SpeedLabCore

/// A way of executing the shared workload, measured by the engine one repetition at a time.
///
/// A scenario declares the parameters it reads (the sweep is crossed over those only), is
/// built from a validated point, names the point its speedup is measured against, computes
/// a lower bound of its wall time, and returns a checksum of all the CPU work it did, which
/// must equal its baseline's.
public protocol Scenario: Sendable {
    /// The name used in sweep files and reports (`concurrent`).
    static var name: String { get }
    /// One sentence: what the scenario demonstrates.
    static var summary: String { get }
    /// The parameters it reads, with defaults.
    static var parameters: [ParameterSpec] { get }

    /// Builds the scenario from a point holding every parameter in ``parameters``.
    init(point: ParameterPoint) throws(ScenarioError)

    /// The point whose time this scenario's speedup divides, or nil for a baseline.
    static func baseline(of point: ParameterPoint) -> BaselineReference?

    /// A lower bound of the wall time, given what this machine charges (the CPU cost of one
    /// item, its cores, the round trip of an http call), with the I/O and CPU terms it is
    /// built from.
    func idealTime(_ costs: MachineCosts) -> IdealTime

    /// Executes the workload once.
    func run(in context: ScenarioContext) async throws -> ScenarioOutcome

    /// How the engine measures a repetition: by timing ``run(in:)`` itself (the default), or
    /// through the scenario's own measurements (a ``SelfMeasuringScenario`` returns itself).
    var measurement: MeasurementStrategy { get }

    /// Whether a traced repetition records the scenario's spans (true by default).
    static var recordsSpans: Bool { get }
}

/// Who measures a scenario's repetitions.
public enum MeasurementStrategy: Sendable {
    /// SpeedLab times ``Scenario/run(in:)`` between two readings of its clock and of
    /// `getrusage`, and can trace its spans.
    case timedBySpeedLab
    /// The scenario measures itself (a command, from `wait4` of its child): the engine
    /// launches, collects and finishes its repetitions through it; it has no spans.
    case selfMeasuring(any SelfMeasuringScenario)
}

/// The baseline of a point: another scenario at (a subset of) the same parameters.
public struct BaselineReference: Sendable, Hashable {
    public var scenario: String
    public var point: ParameterPoint

    public init(scenario: String, point: ParameterPoint) {
        self.scenario = scenario
        self.point = point
    }
}

extension Scenario {
    /// The lower bound of the wall time, in nanoseconds.
    public func idealNanos(cpuNanosPerItem: Double, cores: Int, roundTripNanos: Double = 0) -> Double {
        idealTime(MachineCosts(cpuNanosPerItem: cpuNanosPerItem, cores: cores, roundTripNanos: roundTripNanos)).nanos
    }
}

extension Scenario {
    /// An ordinary scenario is timed by SpeedLab.
    public var measurement: MeasurementStrategy { .timedBySpeedLab }

    /// Whether a traced repetition records the scenario's spans (its timeline); a scenario
    /// that keeps its own per-request record instead (`llm`) has none.
    public static var recordsSpans: Bool { true }
}

extension Scenario {
    /// Names of the parameters this scenario reads.
    public static var parameterNames: [String] { parameters.map(\.name) }
}
