import SpeedLabCore

/// The parameters of an agent workload, read and validated once.
public struct AgentSettings: Sendable, Hashable {
    public let workload: Workload
    public let failureRate: Double
    public let timeoutMs: Double
    public let attempts: Int
    public let backoffMs: Double
    public let breakerThreshold: Int
    public let breakerCooldownMs: Double
    /// Where the `db` calls go (a request, or a real SQLite query).
    public let database: DatabaseMode

    /// The parameters every agent workflow reads (the sequential baseline reads these only).
    public static let parameters =
        ParameterCatalog.workload + [
            ParameterCatalog.failureRate, ParameterCatalog.timeoutMs, ParameterCatalog.attempts,
            ParameterCatalog.backoffMs, ParameterCatalog.breakerThreshold, ParameterCatalog.breakerCooldownMs,
            ParameterCatalog.database, ParameterCatalog.databaseOffload,
        ]

    public init(point: ParameterPoint, scenario: String) throws(ScenarioError) {
        workload = try Workload(point: point, scenario: scenario)
        failureRate = try point.real(ParameterCatalog.failureRate, for: scenario)
        timeoutMs = try point.real(ParameterCatalog.timeoutMs, for: scenario)
        attempts = try point.integer(ParameterCatalog.attempts, for: scenario)
        backoffMs = try point.real(ParameterCatalog.backoffMs, for: scenario)
        breakerThreshold = try point.integer(ParameterCatalog.breakerThreshold, for: scenario)
        breakerCooldownMs = try point.real(ParameterCatalog.breakerCooldownMs, for: scenario)
        database = try Self.database(point: point, scenario: scenario, transport: workload.transport)
    }

    /// Where the `db` calls go: read only over http (`db`, then `db_offload` for sqlite).
    private static func database(point: ParameterPoint, scenario: String, transport: Transport) throws(ScenarioError)
        -> DatabaseMode
    {
        guard transport == .http else { return .http }
        switch try point.choice(ParameterCatalog.database, for: scenario) as DatabaseService {
        case .http: return .http
        case .sqlite: return .sqlite(offload: try point.choice(ParameterCatalog.databaseOffload, for: scenario))
        }
    }

    /// Attempt `attempt` of `service`'s call for `query`.
    public func call(query: Int, service: AgentService, attempt: Int) -> ServiceCall {
        ServiceCall(
            service: service.rawValue, query: query, attempt: attempt, seed: workload.seed,
            meanLatencyNanos: workload.latencyMs * 1e6 * service.latencyFactor, jitter: workload.jitter,
            failureRate: failureRate, responseBytes: workload.responseBytes)
    }

    /// Whether `service`'s calls are requests to the services over http (not a local query).
    public func travelsOverHTTP(_ service: AgentService) -> Bool {
        guard workload.transport == .http else { return false }
        if service == .db, case .sqlite = database { return false }
        return true
    }

    /// Latency of `service`'s call for `query` (the same for every attempt), in nanoseconds.
    public func latencyNanos(query: Int, service: AgentService) -> Double {
        SeededDraw.latencyNanos(
            meanNanos: workload.latencyMs * 1e6 * service.latencyFactor, jitter: workload.jitter,
            seed: workload.seed, query: query, service: service.rawValue)
    }

    /// The per-call timeout: `timeout_ms`, or when it is 0 twice the call's latency. Over http
    /// a real request on a busy machine can stall for milliseconds that a timer never does, so
    /// the default is at least the latency plus ``httpTimeoutSlackNanos``; and without failures
    /// nothing is drawn to hang, so it only has to catch services that stopped answering
    /// (10 × latency plus the slack). Either way a hang of 10 × latency is still cut off at the
    /// latencies of the default sweep, so the http agent meets the simulated agent's timeouts.
    public func timeoutNanos(query: Int, service: AgentService) -> Double {
        if timeoutMs > 0 { return timeoutMs * 1e6 }
        let latency = latencyNanos(query: query, service: service)
        guard travelsOverHTTP(service) else { return 2 * latency }
        guard failureRate > 0 else { return 10 * latency + Self.httpTimeoutSlackNanos }
        return max(2 * latency, latency + Self.httpTimeoutSlackNanos)
    }

    /// What a default timeout allows a real request beyond its latency: 30 ms.
    public static let httpTimeoutSlackNanos = 30e6

    /// The backoff after failed attempt `attempt`: `backoff_ms · 2^(a−1) · (1 + 0.5·u')`.
    public func backoffNanos(query: Int, service: AgentService, attempt: Int) -> Double {
        let jitter = SeededDraw.uniform(
            seed: workload.seed, query: query, service: service.rawValue, attempt: attempt, k: 1)
        return backoffMs * 1e6 * Double(1 << min(attempt - 1, 30)) * (1 + 0.5 * jitter)
    }
}
