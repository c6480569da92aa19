import Foundation
import SpeedLabCore

/// A run as the store keeps it, with its point and sample counts.
public struct StoredRun: Sendable, Hashable {
    public var id: RunID
    public var label: String?
    public var sweepName: String
    public var sweepYAML: String
    public var sweepSource: String
    /// The status as shown: a `running` run whose process is gone reads `crashed`.
    public var status: RunStatus
    /// The status as written (`running` for a crashed run).
    public var storedStatus: RunStatus
    /// When its process last showed it was alive (nil in databases from before heartbeats).
    public var heartbeatAt: Date?
    public var startedAt: Date
    public var finishedAt: Date?
    public var repetitions: Int
    public var warmup: Int
    public var seed: Int
    public var environment: RunEnvironment
    public var kernelNanosPerUnit: Double
    /// The stopping rule of `repetitions: auto` (nil for a fixed count).
    public var adaptive: AdaptiveRepetitions?
    /// The http round trip measured when the run started; nil without http points.
    public var httpRoundTripNanos: Double?
    public var pointCount: Int
    public var sampleCount: Int

    /// Seconds from start to finish, to now while running, or to its last heartbeat when it
    /// crashed (a crashed run's duration does not keep growing); NaN for a crashed run from
    /// before heartbeats, whose end is unknown.
    public func durationSeconds(now: Date = Date()) -> TimeInterval {
        if let finishedAt { return max(0, finishedAt.timeIntervalSince(startedAt)) }
        guard status == .crashed else { return max(0, now.timeIntervalSince(startedAt)) }
        return heartbeatAt.map { max(0, $0.timeIntervalSince(startedAt)) } ?? .nan
    }
}

/// A point of a stored run: its identity, its ideal time and how it ended.
public struct StoredPoint: Sendable, Hashable {
    public var id: PointID
    public var ordinal: Int
    /// Scenario and parameters, decoded once where the row is read.
    public var key: PointKey
    public var baselinePointID: PointID?
    public var idealNanos: Int64?
    /// The I/O and CPU terms of the ideal time (the larger is the point's bottleneck).
    public var idealIONanos: Int64?
    public var idealCPUNanos: Int64?
    public var status: PointStatus
    public var error: String?
    /// What a command point ran (JSON, see ``CommandRecord``); nil for the built-in scenarios.
    public var command: String?

    /// A point as any store keeps it.
    public init(
        id: PointID, ordinal: Int, key: PointKey, baselinePointID: PointID?, idealNanos: Int64?,
        idealIONanos: Int64?, idealCPUNanos: Int64?, status: PointStatus, error: String?, command: String? = nil
    ) {
        self.command = command
        self.id = id
        self.ordinal = ordinal
        self.key = key
        self.baselinePointID = baselinePointID
        self.idealNanos = idealNanos
        self.idealIONanos = idealIONanos
        self.idealCPUNanos = idealCPUNanos
        self.status = status
        self.error = error
    }

    public var scenario: String { key.scenario }
    public var parameters: ParameterPoint { key.parameters }
}

extension StoredRun {
    /// A run as any store keeps it (`row`, as written), its status judged by `liveness`: a
    /// `running` run whose process is gone, or whose heartbeat is stale, reads `crashed`.
    public init(id: RunID, row: RunArchive.Run, pointCount: Int, sampleCount: Int, liveness: ProcessLiveness) {
        let heartbeat = row.heartbeatAt.flatMap(Timestamp.date)
        let storedStatus = RunStatus(rawValue: row.status) ?? .failed
        var status = storedStatus
        let env = row.environment
        if status == .running, liveness.isDead(processID: env.processID, host: env.host, heartbeat: heartbeat) {
            status = .crashed
        }
        var adaptive: AdaptiveRepetitions?
        if let precision = row.adaptivePrecision, let minimum = row.adaptiveMinimum,
            let budget = row.adaptiveBudgetSeconds
        {
            adaptive = AdaptiveRepetitions(
                precision: precision, minimum: Int(minimum), maximum: Int(row.repetitions), budgetSeconds: budget)
        }
        self.init(
            id: id, label: row.label, sweepName: row.sweepName, sweepYAML: row.sweepYAML,
            sweepSource: row.sweepSource, status: status, storedStatus: storedStatus, heartbeatAt: heartbeat,
            startedAt: Timestamp.date(row.startedAt) ?? Date(timeIntervalSince1970: 0),
            finishedAt: row.finishedAt.flatMap(Timestamp.date), repetitions: Int(row.repetitions),
            warmup: Int(row.warmup), seed: Int(row.seed), environment: env,
            kernelNanosPerUnit: row.kernelNanosPerUnit, adaptive: adaptive,
            httpRoundTripNanos: row.httpRoundTripNanos, pointCount: pointCount, sampleCount: sampleCount)
    }
}
