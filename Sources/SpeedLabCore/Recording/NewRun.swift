/// What the store needs to open a new run: the sweep as given and the environment.
public struct NewRun: Sendable {
    public var label: String?
    public var sweepName: String
    public var sweepYAML: String
    public var sweepSource: String
    public var repetitions: Int
    public var warmup: Int
    public var seed: Int
    public var environment: RunEnvironment
    /// The kernel's measured cost per unit, from which ideal times are computed.
    public var kernelNanosPerUnit: Double
    /// The stopping rule of `repetitions: auto` (then `repetitions` is its maximum).
    public var adaptive: AdaptiveRepetitions?
    /// The measured round trip of an empty http request, for runs with `transport: http` points.
    public var httpRoundTripNanos: Double?

    public init(
        label: String?, sweepName: String, sweepYAML: String, sweepSource: String,
        repetitions: Int, warmup: Int, seed: Int, environment: RunEnvironment, kernelNanosPerUnit: Double,
        adaptive: AdaptiveRepetitions? = nil, httpRoundTripNanos: Double? = nil
    ) {
        self.label = label
        self.sweepName = sweepName
        self.sweepYAML = sweepYAML
        self.sweepSource = sweepSource
        self.repetitions = repetitions
        self.warmup = warmup
        self.seed = seed
        self.environment = environment
        self.kernelNanosPerUnit = kernelNanosPerUnit
        self.adaptive = adaptive
        self.httpRoundTripNanos = httpRoundTripNanos
    }
}

/// A point to register for a run; `baselineOrdinal` names another point of the same run.
public struct NewPoint: Sendable, Hashable {
    public var ordinal: Int
    public var key: PointKey
    public var baselineOrdinal: Int?
    /// Lower bound of the point's wall time, in nanoseconds, and its I/O and CPU terms.
    public var idealNanos: Int64?
    public var idealIONanos: Int64?
    public var idealCPUNanos: Int64?
    /// What a command point runs (JSON: template, argv, directory, executable, hash, shell);
    /// nil for the built-in scenarios.
    public var command: String?

    public init(
        ordinal: Int, scenario: String, parameters: ParameterPoint, baselineOrdinal: Int?,
        idealNanos: Int64? = nil, idealIONanos: Int64? = nil, idealCPUNanos: Int64? = nil, command: String? = nil
    ) {
        self.command = command
        self.ordinal = ordinal
        self.key = PointKey(scenario: scenario, parameters: parameters)
        self.baselineOrdinal = baselineOrdinal
        self.idealNanos = idealNanos
        self.idealIONanos = idealIONanos
        self.idealCPUNanos = idealCPUNanos
    }
}

extension NewPoint {
    public var scenario: String { key.scenario }
    public var parameters: ParameterPoint { key.parameters }
}
