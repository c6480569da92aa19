/// What a stored run holds, as much as resuming it needs.
public struct RecordedRun: Sendable, Hashable {
    public var id: RunID
    /// The status as shown: a `running` run whose process is gone reads `crashed`.
    public var status: RunStatus
    /// The status as written (`running` for a crashed run): what a resume claims it from.
    public var storedStatus: RunStatus
    /// The process and host that last ran it (meaningful while `running`).
    public var processID: Int32
    public var host: String
    public var sweepYAML: String
    public var sweepSource: String
    public var repetitions: Int
    public var warmup: Int
    /// The kernel's cost per unit measured when the run started, from which ideal times came.
    public var kernelNanosPerUnit: Double
    /// The stopping rule of `repetitions: auto`, nil for a fixed count.
    public var adaptive: AdaptiveRepetitions?
    /// The http round trip measured when the run started (nil: none measured yet).
    public var httpRoundTripNanos: Double?
    /// Every point the run registered, by identity.
    public var points: [PointKey: RecordedPoint]

    public init(
        id: RunID, status: RunStatus, storedStatus: RunStatus, processID: Int32, host: String, sweepYAML: String,
        sweepSource: String, repetitions: Int,
        warmup: Int, kernelNanosPerUnit: Double, adaptive: AdaptiveRepetitions? = nil,
        httpRoundTripNanos: Double? = nil, points: [PointKey: RecordedPoint]
    ) {
        self.id = id
        self.status = status
        self.storedStatus = storedStatus
        self.processID = processID
        self.host = host
        self.sweepYAML = sweepYAML
        self.sweepSource = sweepSource
        self.repetitions = repetitions
        self.warmup = warmup
        self.kernelNanosPerUnit = kernelNanosPerUnit
        self.adaptive = adaptive
        self.httpRoundTripNanos = httpRoundTripNanos
        self.points = points
    }
}

/// A point of a stored run: its id, the measured repetitions it has and the checksum they gave.
public struct RecordedPoint: Sendable, Hashable {
    public var id: PointID
    /// Repetition numbers of the measured (not warm-up) samples already stored.
    public var measuredRepetitions: Set<Int>
    /// The checksum its stored samples produced, if it has any; a resumed run checks against it.
    public var checksum: UInt64?
    /// Wall times of its measured samples, in nanoseconds (what `repetitions: auto` resumes from).
    public var measuredWallNanos: [Double]
    /// Whether its traced repetition is stored.
    public var hasTrace: Bool

    public init(
        id: PointID, measuredRepetitions: Set<Int> = [], checksum: UInt64? = nil, measuredWallNanos: [Double] = [],
        hasTrace: Bool = false
    ) {
        self.id = id
        self.measuredRepetitions = measuredRepetitions
        self.checksum = checksum
        self.measuredWallNanos = measuredWallNanos
        self.hasTrace = hasTrace
    }
}
