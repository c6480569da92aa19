/// What happens to one call of the agent, decided by the seed alone.
///
/// Attempt `a` draws `u`; it fails when `u < p`: with an error after the call's latency when
/// `u < p/2`, else by hanging for 10 × latency until the per-call timeout (2 × latency by
/// default) cuts it off. Failed attempts are retried after a backoff, up to `attempts`.
/// Because nothing here depends on the order calls happen in, a concurrent agent and its
/// sequential baseline meet the same failures.
public struct AgentCallPlan: Sendable, Hashable {
    /// How an attempt ends once the timeout is applied.
    public enum Result: Sendable, Hashable {
        case success
        case error
        case timeout
    }

    public let draws: [ServiceDraw]
    public let results: [Result]
    /// Time the call takes when it waits on nothing else: every attempt and every backoff,
    /// and the round trip of every answered http attempt.
    public let durationNanos: Double

    public init(settings: AgentSettings, query: Int, service: AgentService, roundTripNanos: Double = 0) {
        let latency = settings.latencyNanos(query: query, service: service)
        let timeout = settings.timeoutNanos(query: query, service: service)
        let floor = settings.travelsOverHTTP(service) ? roundTripNanos : 0
        var draws: [ServiceDraw] = []
        var results: [Result] = []
        var duration = 0.0
        for attempt in 1...settings.attempts {
            let draw = Self.draw(settings: settings, query: query, service: service, attempt: attempt)
            let (result, took) = Self.result(of: draw, latency: latency, timeout: timeout)
            draws.append(draw)
            results.append(result)
            duration += took + (result == .timeout ? 0 : floor)
            if result == .success || attempt == settings.attempts { break }
            duration += settings.backoffNanos(query: query, service: service, attempt: attempt)
        }
        self.draws = draws
        self.results = results
        self.durationNanos = duration
    }

    /// The seeded draw of one attempt.
    public static func draw(settings: AgentSettings, query: Int, service: AgentService, attempt: Int) -> ServiceDraw {
        settings.call(query: query, service: service, attempt: attempt).draw
    }

    /// How long an attempt runs (`latency`, or 10 × latency for a hang) and how it ends once
    /// the timeout applies: a hang that a generous timeout lets finish is a slow success.
    static func result(of draw: ServiceDraw, latency: Double, timeout: Double) -> (Result, Double) {
        let runs = draw == .hang ? 10 * latency : latency
        if runs > timeout { return (.timeout, timeout) }
        return (draw == .fail ? .error : .success, runs)
    }

    public var succeeds: Bool { results.last == .success }
    public var attempts: Int { results.count }
    public var retries: Int { results.count - 1 }
    public var errors: Int { results.filter { $0 == .error }.count }
    public var timeouts: Int { results.filter { $0 == .timeout }.count }
}
