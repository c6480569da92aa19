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

    public var scenario: String { key.scenario }
    public var parameters: ParameterPoint { key.parameters }
}
