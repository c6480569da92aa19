import Synchronization

/// What the real transport counted during one repetition: requests, error statuses,
/// connection failures, connections opened, body bytes and database queries.
public final class FetchCounters: Sendable {
    /// A snapshot.
    public struct Values: Sendable, Hashable {
        public var requests = 0
        public var httpErrors = 0
        public var connectionErrors = 0
        public var connectionsOpened = 0
        public var bodyBytes = 0
        public var databaseQueries = 0

        public init() {}
    }

    private let values = Mutex(Values())

    public init() {}

    public func update(_ change: (inout Values) -> Void) {
        values.withLock { change(&$0) }
    }

    public var snapshot: Values { values.withLock { $0 } }

    /// The counters as sample metrics; nothing when no real request or query was made.
    public func metrics() -> [String: Double] {
        let v = snapshot
        var metrics: [String: Double] = [:]
        if v.requests > 0 {
            metrics["http_requests"] = Double(v.requests)
            metrics["http_errors"] = Double(v.httpErrors)
            metrics["connection_errors"] = Double(v.connectionErrors)
            metrics["connections_opened"] = Double(v.connectionsOpened)
            metrics["response_bytes_read"] = Double(v.bodyBytes)
        }
        if v.databaseQueries > 0 { metrics["db_queries"] = Double(v.databaseQueries) }
        return metrics
    }
}
