import SpeedLabConcurrency
import SpeedLabCore

/// What the real transport counts during one repetition, shared by its concurrent fetches.
public typealias FetchCounters = LockedValue<FetchCounts>

/// What the real transport counted: requests, error statuses, connection failures,
/// connections opened, body bytes and database queries.
public struct FetchCounts: Sendable, Hashable {
    public var requests = 0
    public var httpErrors = 0
    public var connectionErrors = 0
    public var connectionsOpened = 0
    public var bodyBytes = 0
    public var databaseQueries = 0

    public init() {}

    /// The counters as sample metrics; nothing when no real request or query was made.
    public var metrics: [String: Double] {
        var metrics: [String: Double] = [:]
        if requests > 0 {
            metrics[Metric.httpRequests.name] = Double(requests)
            metrics[Metric.httpErrors.name] = Double(httpErrors)
            metrics[Metric.connectionErrors.name] = Double(connectionErrors)
            metrics[Metric.connectionsOpened.name] = Double(connectionsOpened)
            metrics[Metric.responseBytesRead.name] = Double(bodyBytes)
        }
        if databaseQueries > 0 { metrics[Metric.databaseQueries.name] = Double(databaseQueries) }
        return metrics
    }
}
