/// The real-I/O resources of a run, opened by the engine when a point uses `transport: http`.
public struct NetworkResources: Sendable {
    /// The pooled HTTP client that talks to the services (`client: nio`).
    public let http: any HTTPFetching
    /// The other clients this build has, by the `client` that asks for them.
    public let alternatives: [HTTPClientKind: any HTTPFetching]
    /// The SQLite file the agent's `db: sqlite` calls query.
    public let database: (any BlockingDatabase)?
    /// The median round trip of a zero-latency request on a warm connection.
    public let roundTripNanos: Double
    /// The streaming client of `llm` points, with the services' base URL it sends to by default.
    public let completions: (any CompletionStreaming)?

    public init(
        http: any HTTPFetching, database: (any BlockingDatabase)?, roundTripNanos: Double,
        alternatives: [HTTPClientKind: any HTTPFetching] = [:], completions: (any CompletionStreaming)? = nil
    ) {
        self.http = http
        self.completions = completions
        self.alternatives = alternatives
        self.database = database
        self.roundTripNanos = roundTripNanos
    }

    /// The client of `kind`: the default one for `nio`, or one of ``alternatives``; nil when
    /// this run has none of that kind (a run refuses such points before it starts).
    public func client(_ kind: HTTPClientKind) -> (any HTTPFetching)? {
        kind == .nio ? http : alternatives[kind]
    }
}

/// Sends service calls as HTTP requests.
public protocol HTTPFetching: Sendable {
    /// Sends `call` through a client whose pool holds at most `connections` connections and
    /// reads the body in full; returns what the call measured. Throws ``ServiceFailure`` for an
    /// error status; records the wake lateness (response complete → task resumed), the call's
    /// latency and the counters in `context`.
    @discardableResult
    func fetch(_ call: ServiceCall, connections: Int, context: ScenarioContext) async throws -> CallTiming

    /// The executor on whose thread this client does its I/O, when it has one a task can run
    /// on: scenarios over http then use it as their event loop, so a request's answer resumes
    /// its waiting task on the thread that read it, as asyncio's loop and its client share one.
    var eventLoop: (any TaskExecutor)? { get }
}

extension HTTPFetching {
    /// None: the scenario's own single-thread event loop runs its tasks.
    public var eventLoop: (any TaskExecutor)? { nil }
}

/// A real database whose driver blocks the calling thread.
public protocol BlockingDatabase: Sendable {
    /// Runs the query of `call` (its cost about the call's latency; 10 × for a hang), placed
    /// as `offload` says; throws ``ServiceFailure`` when the call is drawn to fail.
    func query(_ call: ServiceCall, offload: DatabaseOffload, context: ScenarioContext) async throws
}
