import Foundation
import SpeedLabCore

/// Everything one run holds, as stored, to copy it from one store into another.
///
/// Rows are kept as the stores write them (timestamps as their ISO 8601 text, parameters as
/// their canonical JSON, metrics as their JSON object), so a run copied from SQLite to
/// PostgreSQL and back is the run it was. Points are named by their ordinal, which the target
/// store maps to its own ids.
public struct RunArchive: Sendable, Hashable {
    /// The run's identity in every store.
    public var uuid: UUID
    public var run: Run
    /// In schedule order.
    public var points: [Point]
    /// In the order they were stored, warm-ups included.
    public var samples: [Sample]
    public var pointMetrics: [PointMetric]
    public var traces: [Trace]
    /// The requests of the run's llm repetitions, by point ordinal, repetition and number.
    public var requests: [Request]

    public init(
        uuid: UUID, run: Run, points: [Point], samples: [Sample], pointMetrics: [PointMetric], traces: [Trace],
        requests: [Request] = []
    ) {
        self.requests = requests
        self.uuid = uuid
        self.run = run
        self.points = points
        self.samples = samples
        self.pointMetrics = pointMetrics
        self.traces = traces
    }

    /// A row of `request`, its point named by ordinal.
    public struct Request: Sendable, Hashable {
        public var pointOrdinal: Int64
        public var repetition: Int64
        public var record: RequestRecord

        public init(pointOrdinal: Int64, repetition: Int64, record: RequestRecord) {
            self.pointOrdinal = pointOrdinal
            self.repetition = repetition
            self.record = record
        }
    }

    /// The `run` row, less its id.
    public struct Run: Sendable, Hashable {
        public var label: String?
        public var sweepName: String
        public var sweepYAML: String
        public var sweepSource: String
        /// The status as written (`running` for a crashed run).
        public var status: String
        public var startedAt: String
        public var finishedAt: String?
        public var heartbeatAt: String?
        public var repetitions: Int64
        public var warmup: Int64
        public var seed: Int64
        public var environment: RunEnvironment
        public var kernelNanosPerUnit: Double
        public var adaptivePrecision: Double?
        public var adaptiveMinimum: Int64?
        public var adaptiveBudgetSeconds: Double?
        public var httpRoundTripNanos: Double?

        public init(
            label: String?, sweepName: String, sweepYAML: String, sweepSource: String, status: String,
            startedAt: String, finishedAt: String?, heartbeatAt: String?, repetitions: Int64, warmup: Int64,
            seed: Int64, environment: RunEnvironment, kernelNanosPerUnit: Double, adaptivePrecision: Double?,
            adaptiveMinimum: Int64?, adaptiveBudgetSeconds: Double?, httpRoundTripNanos: Double?
        ) {
            self.label = label
            self.sweepName = sweepName
            self.sweepYAML = sweepYAML
            self.sweepSource = sweepSource
            self.status = status
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.heartbeatAt = heartbeatAt
            self.repetitions = repetitions
            self.warmup = warmup
            self.seed = seed
            self.environment = environment
            self.kernelNanosPerUnit = kernelNanosPerUnit
            self.adaptivePrecision = adaptivePrecision
            self.adaptiveMinimum = adaptiveMinimum
            self.adaptiveBudgetSeconds = adaptiveBudgetSeconds
            self.httpRoundTripNanos = httpRoundTripNanos
        }
    }

    /// A `point` row; its baseline named by ordinal.
    public struct Point: Sendable, Hashable {
        public var ordinal: Int64
        public var scenario: String
        /// The canonical JSON of its parameters, as stored.
        public var parameters: String
        public var baselineOrdinal: Int64?
        public var idealNanos: Int64?
        public var idealIONanos: Int64?
        public var idealCPUNanos: Int64?
        public var status: String
        public var error: String?
        /// What a command point ran (JSON); nil for the built-in scenarios.
        public var command: String?

        public init(
            ordinal: Int64, scenario: String, parameters: String, baselineOrdinal: Int64?, idealNanos: Int64?,
            idealIONanos: Int64?, idealCPUNanos: Int64?, status: String, error: String?, command: String? = nil
        ) {
            self.command = command
            self.ordinal = ordinal
            self.scenario = scenario
            self.parameters = parameters
            self.baselineOrdinal = baselineOrdinal
            self.idealNanos = idealNanos
            self.idealIONanos = idealIONanos
            self.idealCPUNanos = idealCPUNanos
            self.status = status
            self.error = error
        }
    }

    /// A `sample` row of the point with ordinal `pointOrdinal`.
    public struct Sample: Sendable, Hashable {
        public var pointOrdinal: Int64
        public var repetition: Int64
        public var isWarmup: Bool
        public var wallNanos: Int64
        public var userNanos: Int64
        public var systemNanos: Int64
        public var voluntarySwitches: Int64
        public var involuntarySwitches: Int64
        public var peakRSSBytes: Int64
        /// The kernel checksum's bit pattern, as stored.
        public var checksum: Int64
        /// The metrics' JSON object as stored, nil when the sample had none.
        public var metrics: String?

        public init(
            pointOrdinal: Int64, repetition: Int64, isWarmup: Bool, wallNanos: Int64, userNanos: Int64,
            systemNanos: Int64, voluntarySwitches: Int64, involuntarySwitches: Int64, peakRSSBytes: Int64,
            checksum: Int64, metrics: String?
        ) {
            self.pointOrdinal = pointOrdinal
            self.repetition = repetition
            self.isWarmup = isWarmup
            self.wallNanos = wallNanos
            self.userNanos = userNanos
            self.systemNanos = systemNanos
            self.voluntarySwitches = voluntarySwitches
            self.involuntarySwitches = involuntarySwitches
            self.peakRSSBytes = peakRSSBytes
            self.checksum = checksum
            self.metrics = metrics
        }
    }

    /// A `pointMetric` row: one metric's running totals over a point's measured samples.
    public struct PointMetric: Sendable, Hashable {
        public var pointOrdinal: Int64
        public var name: String
        public var count: Int64
        public var total: Double
        public var minimum: Double
        public var maximum: Double

        public init(
            pointOrdinal: Int64, name: String, count: Int64, total: Double, minimum: Double, maximum: Double
        ) {
            self.pointOrdinal = pointOrdinal
            self.name = name
            self.count = count
            self.total = total
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    /// A point's traced repetition with its spans in stored order.
    public struct Trace: Sendable, Hashable {
        public var pointOrdinal: Int64
        public var wallNanos: Int64
        public var spanCount: Int64
        public var spans: [Span]

        public init(pointOrdinal: Int64, wallNanos: Int64, spanCount: Int64, spans: [Span]) {
            self.pointOrdinal = pointOrdinal
            self.wallNanos = wallNanos
            self.spanCount = spanCount
            self.spans = spans
        }
    }

    /// The number of measured (not warm-up) samples.
    public var measuredSampleCount: Int { samples.reduce(0) { $0 + ($1.isWarmup ? 0 : 1) } }
}

extension RunDatabase {
    /// The stored requests of `archive`'s points (run `id` of this store), for its `requests`.
    public func archivedRequests(of archive: RunArchive, run id: RunID) throws(StoreError) -> [RunArchive.Request] {
        let points = try points(ofRun: id)
        let stored = try requests(ofPoints: points.map(\.id))
        return points.flatMap { point in
            (stored[point.id] ?? []).map {
                RunArchive.Request(
                    pointOrdinal: Int64(point.ordinal), repetition: Int64($0.repetition), record: $0.record)
            }
        }
    }
}
