import Foundation
import SpeedLabCore

/// Which runs and points a history covers.
public struct HistoryFilter: Sendable, Hashable {
    public var scenario: String?
    /// `k=v` pairs a point's parameters must contain (values in canonical text).
    public var parameters: [String: String]
    public var label: String?
    public var last: Int?
    public var since: Date?
    /// Whether interrupted, failed and crashed runs count (by default only completed ones do).
    public var includesIncomplete: Bool
    /// Only runs measured on this host.
    public var host: String?
    /// Whether one series mixes the runs of several hosts (by default each host has its own).
    public var mixesHosts: Bool

    public init(
        scenario: String? = nil, parameters: [String: String] = [:], label: String? = nil, last: Int? = nil,
        since: Date? = nil, includesIncomplete: Bool = false, host: String? = nil, mixesHosts: Bool = false
    ) {
        self.host = host
        self.mixesHosts = mixesHosts
        self.scenario = scenario
        self.parameters = parameters
        self.label = label
        self.last = last
        self.since = since
        self.includesIncomplete = includesIncomplete
    }
}

/// The runs a history covers (in run order), their matching points and their measured samples.
public struct HistoryData: Sendable {
    public var runs: [StoredRun]
    public var points: [StoredPoint]
    /// Which run each point belongs to.
    public var runOfPoint: [PointID: RunID]
    public var samples: [PointID: PointTimings]

    public init(
        runs: [StoredRun], points: [StoredPoint], runOfPoint: [PointID: RunID], samples: [PointID: PointTimings]
    ) {
        self.runs = runs
        self.points = points
        self.runOfPoint = runOfPoint
        self.samples = samples
    }
}

extension HistoryFilter {
    /// The runs of `runs` (oldest first) the filter selects: with samples, completed unless
    /// incomplete runs count, with its label, host and start day, the last `last` of them.
    public func selectRuns(_ runs: [StoredRun]) -> [StoredRun] {
        var selected = runs.filter { (run: StoredRun) -> Bool in
            guard run.sampleCount > 0, includesIncomplete || run.status == .completed else { return false }
            if let label, run.label != label { return false }
            if let host, run.environment.host != host { return false }
            if let since, run.startedAt < since { return false }
            return true
        }
        if let last { selected = Array(selected.suffix(max(0, last))) }
        return selected
    }

    /// Whether a point's parameters contain every `k=v` the filter asks for (numbers compared
    /// as numbers).
    public func matches(_ point: ParameterPoint) -> Bool {
        guard !parameters.isEmpty else { return true }
        return parameters.allSatisfy { name, value in
            guard let actual = point[name] else { return false }
            if actual.canonicalText == value { return true }
            if let number = Double(value), let actualNumber = actual.realValue { return number == actualNumber }
            return false
        }
    }
}
