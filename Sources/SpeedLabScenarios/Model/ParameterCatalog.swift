import SpeedLabCore

/// Every parameter any scenario reads, with its meaning, unit, bounds and default.
///
/// Bounds keep sweeps sane: 10^9 tasks or a 0-thread pool is refused up front.
public enum ParameterCatalog {
    public static let tasks = ParameterSpec(
        "tasks", "items to process (documents, requests, queries)", unit: "items",
        kind: .integer(1...1_000_000), default: .integer(64))
    public static let latencyMs = ParameterSpec(
        "latency_ms", "mean simulated I/O latency of one fetch", unit: "ms",
        kind: .real(0...60_000), default: .integer(20))
    public static let jitter = ParameterSpec(
        "jitter", "relative spread of latency: uniform in L·(1 ± jitter), seeded", unit: "fraction",
        kind: .real(0...1), default: .integer(0))
    public static let work = ParameterSpec(
        "work", "CPU work per item: FNV-1a kernel units (about 13 ns each, optimised)", unit: "units",
        kind: .integer(0...2_000_000_000), default: .integer(0))
    public static let seed = ParameterSpec(
        "seed", "makes latencies and failures reproducible (defaults to the sweep's seed)", unit: "",
        kind: .integer(0...16_777_215), default: .integer(42))
    public static let failureRate = ParameterSpec(
        "failure_rate", "probability that one I/O call attempt fails (half error, half hang)", unit: "fraction",
        kind: .real(0...1), default: .integer(0))
    public static let concurrency = ParameterSpec(
        "concurrency", "most I/O calls (or agent queries) in flight at once", unit: "calls",
        kind: .integer(1...1_000_000), default: .integer(64))
    public static let workers = ParameterSpec(
        "workers", "threads of the CPU pool", unit: "threads", kind: .integer(1...1024), default: .integer(2))
    public static let timeoutMs = ParameterSpec(
        "timeout_ms", "per-call timeout (0: twice the call's latency; over http at least latency + 30 ms)", unit: "ms",
        kind: .real(0...600_000), default: .integer(0))
    public static let attempts = ParameterSpec(
        "attempts", "tries per call, the first included", unit: "tries", kind: .integer(1...20), default: .integer(3))
    public static let backoffMs = ParameterSpec(
        "backoff_ms", "base of the exponential backoff between tries", unit: "ms",
        kind: .real(0...60_000), default: .integer(10))

    public static let dispatch = ParameterSpec(
        "dispatch",
        "window: a semaphore keeps C calls in flight; batches: gather C calls, wait for the slowest, repeat",
        kind: .choice(of: DispatchMode.self), default: .text(DispatchMode.window.rawValue))
    public static let cpuPool = ParameterSpec(
        "cpu_pool",
        "dedicated: I/O on the event loop, CPU on a W-thread pool; cooperative: everything on Swift's shared pool",
        kind: .choice(of: CPUPool.self), default: .text(CPUPool.dedicated.rawValue))
    public static let breakerThreshold = ParameterSpec(
        "breaker_threshold", "consecutive failed attempts that open a service's circuit breaker", unit: "attempts",
        kind: .integer(1...1_000), default: .integer(5))
    public static let breakerCooldownMs = ParameterSpec(
        "breaker_cooldown_ms", "how long an open breaker rejects calls before a trial call", unit: "ms",
        kind: .real(0...600_000), default: .integer(50))

    public static let transport = ParameterSpec(
        "transport",
        "simulated: each fetch is a timer; http: a real HTTP/1.1 request to the services (speedlab services)",
        kind: .choice(of: Transport.self), default: .text(Transport.simulated.rawValue), omittedAtDefault: true)
    public static let responseBytes = ParameterSpec(
        "response_bytes", "body size of a successful http response, read in full by the client", unit: "bytes",
        kind: .integer(0...16_777_216), default: .integer(1024), condition: .init("transport", in: ["http"]))
    public static let connections = ParameterSpec(
        "connections",
        "size of the http client's connection pool (auto: the most calls the scenario has in flight)",
        unit: "connections", kind: .integer(1...65_536), default: .text("auto"),
        condition: .init("transport", in: ["http"]))
    public static let client = ParameterSpec(
        "client",
        "nio: SpeedLab's lean HTTP/1.1 client on SwiftNIO; async-http-client: the popular library (a build with the AsyncHTTPClient trait)",
        kind: .choice(of: HTTPClientKind.self), default: .text(HTTPClientKind.nio.rawValue),
        condition: .init("transport", in: ["http"]), omittedAtDefault: true)
    public static let database = ParameterSpec(
        "db", "the agent's db service: http (a request to the services) or sqlite (a real blocking query)",
        kind: .choice(of: DatabaseService.self), default: .text(DatabaseService.http.rawValue),
        condition: .init("transport", in: ["http"]))
    public static let databaseOffload = ParameterSpec(
        "db_offload", "pool: the blocking query runs on a dedicated thread pool; inline: on the caller's executor",
        kind: .choice(of: DatabaseOffload.self), default: .text(DatabaseOffload.pool.rawValue),
        condition: .init("db", in: ["sqlite"]))

    /// The parameters of the shared workload (tasks, latency, jitter, CPU work, failure rate, seed), with how its fetches travel.
    public static let workload: [ParameterSpec] = [
        tasks, latencyMs, jitter, work, seed, transport, responseBytes, client,
    ]
}
