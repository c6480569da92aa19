/// One attempt of one fetch, with everything the seeded schedule needs to decide its latency
/// and its fate: the simulated transport and `speedlab services` read the same fields, so a
/// scenario meets the same latencies and failures over either.
public struct ServiceCall: Sendable, Hashable {
    /// `0` for the workload's fetch; an ``AgentService`` raw value for the agent's calls.
    public var service: Int
    public var query: Int
    /// 1 for the first try.
    public var attempt: Int
    public var seed: Int
    /// The mean latency of this service's calls (`latency_ms`, times the agent's factor).
    public var meanLatencyNanos: Double
    public var jitter: Double
    public var failureRate: Double
    /// The body of a successful http answer.
    public var responseBytes: Int

    public init(
        service: Int, query: Int, attempt: Int, seed: Int, meanLatencyNanos: Double, jitter: Double,
        failureRate: Double, responseBytes: Int
    ) {
        self.service = service
        self.query = query
        self.attempt = attempt
        self.seed = seed
        self.meanLatencyNanos = meanLatencyNanos
        self.jitter = jitter
        self.failureRate = failureRate
        self.responseBytes = responseBytes
    }

    /// The call's latency: the same for every attempt of the call.
    public var latencyNanos: Double {
        SeededDraw.latencyNanos(meanNanos: meanLatencyNanos, jitter: jitter, seed: seed, query: query, service: service)
    }

    /// What this attempt is drawn to do: `u < p/2` fails, `u < p` hangs, else it responds.
    public var draw: ServiceDraw {
        guard failureRate > 0 else { return .respond }
        let u = SeededDraw.uniform(seed: seed, query: query, service: service, attempt: attempt, k: 0)
        return u < failureRate / 2 ? .fail : u < failureRate ? .hang : .respond
    }

    /// How long the service takes before it answers: the latency, or 10 × latency for a hang.
    public var answerDelayNanos: Double {
        draw == .hang ? 10 * latencyNanos : latencyNanos
    }
}

/// What one attempt of a service call is drawn to do: succeed, fail after its latency, or hang for 10 × its latency.
public enum ServiceDraw: String, Sendable, Hashable {
    /// Answers after the latency.
    case respond
    /// Answers with an error (HTTP 503) after the latency.
    case fail
    /// Answers only after 10 × latency, which a per-call timeout normally cuts off.
    case hang
}

/// A service answered with an error: the `fail` draw, or an HTTP status that is not 200.
public struct ServiceFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let service: Int
    public let query: Int
    public let attempt: Int
    /// The HTTP status, or nil for a simulated failure.
    public let status: Int?

    public init(_ call: ServiceCall, status: Int?) {
        service = call.service
        query = call.query
        attempt = call.attempt
        self.status = status
    }

    public var description: String {
        "service \(service) failed query \(query), attempt \(attempt)" + (status.map { " (HTTP \($0))" } ?? "")
    }
}

/// The transport itself failed (the services cannot be reached, a connection broke): not an
/// answer of the service, so it is never retried and fails the repetition.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
