/// Every metric SpeedLab's own scenarios, transports and process launcher record, declared
/// once: the vocabulary the rest of SpeedLab names them by.
extension Metric {
    // MARK: Every scenario
    public static let calls = Metric("calls", unit: .count, kind: .counter, summary: "service calls made")
    public static let wakeLate = Metric(
        "wake_late", unit: .milliseconds, kind: .distribution([.p50, .p99, .max]),
        summary: "how late each I/O completion resumed its task")
    /// Every call's latency, from asking for a connection (or starting a simulated wait) to the
    /// last byte of its answer.
    public static let callLatency = Metric(
        "call_latency", unit: .milliseconds, kind: .distribution([.p50, .p99]),
        summary: "each call from its start to the last byte of its answer")

    // MARK: The agent
    public static let queries = Metric("queries", unit: .count, kind: .counter, summary: "agent queries")
    public static let attempts = Metric("attempts", unit: .count, kind: .counter, summary: "tries of every call")
    public static let errors = Metric(
        "errors", unit: .count, kind: .counter, summary: "attempts answered with an error")
    public static let timeouts = Metric(
        "timeouts", unit: .count, kind: .counter, summary: "attempts cut off by the timeout")
    public static let retries = Metric("retries", unit: .count, kind: .counter, summary: "attempts after a failed one")
    public static let breakerRejections = Metric(
        "breaker_rejections", unit: .count, kind: .counter, summary: "attempts an open circuit breaker refused")
    public static let answered = Metric(
        "answered", unit: .count, direction: .higherIsBetter, kind: .counter, summary: "queries answered in full")
    public static let degraded = Metric(
        "degraded", unit: .count, kind: .counter, summary: "queries answered without vector or db")
    public static let failed = Metric("failed", unit: .count, kind: .counter, summary: "queries whose llm call failed")
    public static let unplannedCalls = Metric(
        "unplanned_calls", unit: .count, kind: .counter,
        summary: "calls that ended otherwise than the seed's schedule says")
    public static let query = Metric(
        "query", unit: .milliseconds, kind: .distribution([.p50, .p95, .p99]), summary: "each agent query's latency")
    public static let answerTTFT = Metric(
        "answer_ttft", unit: .milliseconds, kind: .distribution([.p50, .p99]),
        summary: "each answered agent query's start to the first token of its final answer")

    // MARK: Real I/O
    public static let httpRequests = Metric("http_requests", unit: .count, kind: .counter, summary: "HTTP requests")
    public static let httpErrors = Metric("http_errors", unit: .count, kind: .counter, summary: "error statuses")
    public static let connectionErrors = Metric(
        "connection_errors", unit: .count, kind: .counter, summary: "requests whose connection failed")
    public static let connectionsOpened = Metric(
        "connections_opened", unit: .count, kind: .counter, summary: "connections the client opened")
    public static let responseBytesRead = Metric(
        "response_bytes_read", unit: .bytes, kind: .counter, summary: "answer body bytes read")
    public static let databaseQueries = Metric(
        "db_queries", unit: .count, kind: .counter, summary: "queries of the agent's SQLite db service")
    public static let clientCPUPerCall = Metric(
        "client_cpu_us_per_call", unit: .microseconds, kind: .gauge,
        summary: "this process's CPU time per request, the client's cost")

    // MARK: Streamed LLM requests (definitions in StreamTiming)
    public static let ttft = Metric(
        "ttft", unit: .milliseconds, kind: .distribution([.p50, .p90, .p99]),
        summary: "sent → first chunk with content, per request")
    public static let itl = Metric(
        "itl", unit: .milliseconds, kind: .distribution([.p50, .p90, .p99]),
        summary: "every gap between consecutive content chunks")
    public static let tpot = Metric(
        "tpot", unit: .milliseconds, kind: .distribution([.p50, .p90, .p99]),
        summary: "(e2e − ttft) ÷ (output tokens − 1), per request")
    public static let e2e = Metric(
        "e2e", unit: .milliseconds, kind: .distribution([.p50, .p90, .p99]), summary: "sent → end, per request")
    public static let requestsPerSecond = Metric(
        "requests_per_s", unit: .perSecond, direction: .higherIsBetter, kind: .gauge,
        summary: "successful requests per second of wall time")
    public static let outputTokensPerSecond = Metric(
        "output_tokens_per_s", unit: .perSecond, direction: .higherIsBetter, kind: .gauge,
        summary: "output tokens per second of wall time")

    // MARK: Load at a request rate (open loop)
    public static let scheduledTTFT = Metric(
        "sched_ttft", unit: .milliseconds, kind: .distribution([.p50, .p90, .p99]),
        summary: "scheduled → first chunk with content: what a user of the server waited")
    public static let scheduledE2E = Metric(
        "sched_e2e", unit: .milliseconds, kind: .distribution([.p50, .p90, .p99]), summary: "scheduled → end")
    public static let dispatchDelay = Metric(
        "dispatch_delay", unit: .milliseconds, kind: .distribution([.p50, .p99]),
        summary: "scheduled → sent: a wait for a slot of max_concurrency, or SpeedLab falling behind")
    public static let offeredRate = Metric(
        "offered_rate_per_s", unit: .perSecond, direction: .higherIsBetter, kind: .gauge,
        summary: "the rate the schedule asked for")
    public static let achievedRate = Metric(
        "achieved_rate_per_s", unit: .perSecond, direction: .higherIsBetter, kind: .gauge,
        summary: "requests sent per second, first send to last")
    public static let goodput = Metric(
        "goodput_per_s", unit: .perSecond, direction: .higherIsBetter, kind: .gauge,
        summary: "requests per second that met every objective on their own")
    public static let sloTTFTShare = Metric(
        "slo_ttft_share", unit: .none, direction: .higherIsBetter, kind: .gauge,
        summary: "the share of requests within the ttft objective")
    public static let sloTPOTShare = Metric(
        "slo_tpot_share", unit: .none, direction: .higherIsBetter, kind: .gauge,
        summary: "the share of requests within the tpot objective")
    public static let sloE2EShare = Metric(
        "slo_e2e_share", unit: .none, direction: .higherIsBetter, kind: .gauge,
        summary: "the share of requests within the e2e objective")
    public static let meetsSLO = Metric(
        "meets_slo", unit: .none, direction: .higherIsBetter, kind: .gauge,
        summary: "1 when every objective holds at slo_percentile, else 0")

    // MARK: Commands
    public static let exitCode = Metric("exit_code", unit: .none, kind: .gauge, summary: "the command's exit code")
    public static let signal = Metric("signal", unit: .none, kind: .gauge, summary: "the signal that ended the command")
    public static let minorFaults = Metric("minor_faults", unit: .count, kind: .counter, summary: "minor page faults")
    public static let majorFaults = Metric("major_faults", unit: .count, kind: .counter, summary: "major page faults")
    public static let shellOverhead = Metric(
        "shell_overhead_ms", unit: .milliseconds, kind: .gauge, summary: "the shell's start-up, subtracted")
    public static let peakRSS = Metric(
        "peak_rss_mib", unit: .mebibytes, kind: .gauge, summary: "the command's own peak resident memory")

    /// Every built-in metric.
    public static let builtIn: [Metric] = [
        .calls, .wakeLate, .callLatency, .queries, .attempts, .errors, .timeouts, .retries, .breakerRejections,
        .answered, .degraded, .failed, .unplannedCalls, .query, .answerTTFT, .httpRequests, .httpErrors,
        .connectionErrors,
        .connectionsOpened, .responseBytesRead, .databaseQueries, .clientCPUPerCall, .exitCode, .signal, .minorFaults,
        .majorFaults, .shellOverhead, .peakRSS, .ttft, .itl, .tpot, .e2e, .requestsPerSecond,
        .outputTokensPerSecond, .scheduledTTFT, .scheduledE2E, .dispatchDelay, .offeredRate, .achievedRate, .goodput,
        .sloTTFTShare, .sloTPOTShare, .sloE2EShare, .meetsSLO,
    ]

    /// The metrics every command sample carries, beside the command's own.
    public static let commandBuiltIn: [Metric] = [
        .exitCode, .signal, .minorFaults, .majorFaults, .shellOverhead, .peakRSS,
    ]

    /// The built-in metric stored under `storedName` (a distribution's percentile names it
    /// too), or nil for a name SpeedLab does not declare.
    public static func builtIn(named storedName: String) -> Metric? {
        builtInByStoredName[storedName]
    }

    private static let builtInByStoredName: [String: Metric] = {
        var byName: [String: Metric] = [:]
        for metric in builtIn {
            for name in metric.storedNames { byName[name] = metric }
        }
        return byName
    }()
}
