/// What happens to one call of the agent, decided by the seed alone (DESIGN §1).
///
/// Attempt `a` draws `u`; it fails when `u < p`: with an error after the call's latency when
/// `u < p/2`, else by hanging for 10 × latency until the per-call timeout (2 × latency by
/// default) cuts it off. Failed attempts are retried after a backoff, up to `attempts`.
/// Because nothing here depends on the order calls happen in, a concurrent agent and its
/// sequential baseline meet the same failures.
public struct AgentCallPlan: Sendable, Hashable {
    /// What an attempt is drawn to do.
    public enum Draw: Sendable, Hashable {
        case respond
        case fail
        case hang
    }

    /// How an attempt ends once the timeout is applied.
    public enum Result: Sendable, Hashable {
        case success
        case error
        case timeout
    }

    public let draws: [Draw]
    public let results: [Result]
    /// Time the call takes when it waits on nothing else: every attempt and every backoff.
    public let durationNanos: Double

    public init(settings: AgentSettings, query: Int, service: AgentService) {
        let latency = settings.latencyNanos(query: query, service: service)
        let timeout = settings.timeoutNanos(query: query, service: service)
        var draws: [Draw] = []
        var results: [Result] = []
        var duration = 0.0
        for attempt in 1...settings.attempts {
            let draw = Self.draw(settings: settings, query: query, service: service, attempt: attempt)
            let (result, took) = Self.result(of: draw, latency: latency, timeout: timeout)
            draws.append(draw)
            results.append(result)
            duration += took
            if result == .success || attempt == settings.attempts { break }
            duration += settings.backoffNanos(query: query, service: service, attempt: attempt)
        }
        self.draws = draws
        self.results = results
        self.durationNanos = duration
    }

    /// The seeded draw of one attempt.
    public static func draw(settings: AgentSettings, query: Int, service: AgentService, attempt: Int) -> Draw {
        let u = SeededDraw.uniform(
            seed: settings.workload.seed, query: query, service: service.rawValue, attempt: attempt, k: 0)
        return u < settings.failureRate / 2 ? .fail : u < settings.failureRate ? .hang : .respond
    }

    /// How long an attempt runs (`latency`, or 10 × latency for a hang) and how it ends once
    /// the timeout applies: a hang that a generous timeout lets finish is a slow success.
    static func result(of draw: Draw, latency: Double, timeout: Double) -> (Result, Double) {
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
