import SpeedLabCore

/// The parameters of the `llm` scenario: the load (requests in flight, requests per
/// repetition), the request (prompt and output tokens, streaming, the API and model, the
/// server), and the schedule SpeedLab's own services follow (a small real model's defaults).
extension ParameterCatalog {
    public static let requests = ParameterSpec(
        "requests", "completion requests per repetition", unit: "requests",
        kind: .integer(1...1_000_000), default: .integer(128))
    public static let llmConcurrency = ParameterSpec(
        "concurrency", "requests in flight at once (closed loop: a new one starts when one ends)", unit: "requests",
        kind: .integer(1...100_000), default: .integer(1))
    public static let promptTokens = ParameterSpec(
        "prompt_tokens", "words of the synthetic prompt (one token each on SpeedLab's services)", unit: "tokens",
        kind: .integer(0...1_000_000), default: .integer(256))
    public static let outputTokens = ParameterSpec(
        "output_tokens", "max_tokens of every request", unit: "tokens", kind: .integer(1...1_000_000),
        default: .integer(64))
    public static let stream = ParameterSpec(
        "stream", "true: server-sent events, timed chunk by chunk; false: one JSON answer",
        kind: .choice(of: StreamChoice.self), default: .text(StreamChoice.yes.rawValue))
    public static let api = ParameterSpec(
        "api", "chat: POST /v1/chat/completions with messages; completions: POST /v1/completions with a prompt",
        kind: .choice(of: CompletionAPI.self), default: .text(CompletionAPI.chat.rawValue))
    public static let url = ParameterSpec(
        "url",
        "services: SpeedLab's own; or the endpoint of any OpenAI-compatible server (http://host:port/v1/chat/completions)",
        kind: .text(maxLength: 2048), default: .text(LLMEndpoint.ownServices), omittedAtDefault: true)
    public static let model = ParameterSpec(
        "model", "the model named in every request", kind: .text(maxLength: 256), default: .text("speedlab"),
        omittedAtDefault: true)
    public static let apiKeyEnv = ParameterSpec(
        "api_key_env", "the environment variable holding the API key sent as a bearer token (none: no key)",
        kind: .text(maxLength: 256), default: .text("none"), omittedAtDefault: true)
    public static let requestTimeoutS = ParameterSpec(
        "request_timeout_s", "how long one request may take before it fails", unit: "s",
        kind: .real(0.001...3_600), default: .integer(60), omittedAtDefault: true)

    /// The schedule's knobs mean something only for SpeedLab's own services.
    static let servicesOnly = ParameterSpec.Condition("url", in: [LLMEndpoint.ownServices])

    /// The schedule of SpeedLab's own services (``docs/streaming.md`` gives the formulas).
    public static let ttftMs = ParameterSpec(
        "ttft_ms", "services' time to the first token of a prompt of no tokens", unit: "ms",
        kind: .real(0...600_000), default: .integer(30), condition: servicesOnly)
    public static let prefillUsPerToken = ParameterSpec(
        "prefill_us_per_token", "services' prefill time per prompt token", unit: "µs",
        kind: .real(0...600_000), default: .integer(20), condition: servicesOnly)
    public static let itlMs = ParameterSpec(
        "itl_ms", "services' time between two tokens", unit: "ms", kind: .real(0...600_000), default: .integer(10),
        condition: servicesOnly)
    public static let tokensPerChunk = ParameterSpec(
        "tokens_per_chunk", "services' tokens per streamed chunk", unit: "tokens", kind: .integer(1...100_000),
        default: .integer(1), condition: servicesOnly)
    public static let capacity = ParameterSpec(
        "capacity", "services' streams decoded at full speed at once; past it every stream slows", unit: "streams",
        kind: .integer(1...1_000_000), default: .integer(16), condition: servicesOnly)
    public static let llmJitter = ParameterSpec(
        "jitter", "services' relative spread of every delay: uniform in d·(1 ± jitter), seeded", unit: "fraction",
        kind: .real(0...1), default: .integer(0), condition: servicesOnly)
    public static let llmFailureRate = ParameterSpec(
        "failure_rate", "services' chance that a request fails with an HTTP 503, seeded", unit: "fraction",
        kind: .real(0...1), default: .integer(0), condition: servicesOnly)

    /// An open loop: requests at a rate, each due at its scheduled time whether or not the
    /// ones before it were answered.
    public static let rate = ParameterSpec(
        "rate", "requests per second of an open loop, each sent when due (0: a closed loop of `concurrency`)",
        unit: "requests/s", kind: .real(0...1_000_000), default: .integer(0), omittedAtDefault: true)
    public static let arrival = ParameterSpec(
        "arrival", "the open loop's arrivals: poisson (exponential gaps), constant, or gamma (see burstiness)",
        kind: .choice(of: ArrivalProcess.self), default: .text(ArrivalProcess.poisson.rawValue),
        omittedAtDefault: true)
    public static let burstiness = ParameterSpec(
        "burstiness", "shape of gamma arrivals: 1 is Poisson, below 1 burstier, above 1 more regular", unit: "",
        kind: .real(0.01...100), default: .integer(1), omittedAtDefault: true)
    public static let maxConcurrency = ParameterSpec(
        "max_concurrency", "the most requests of an open loop in flight; a due request waits for a slot (0: no cap)",
        unit: "requests", kind: .integer(0...100_000), default: .integer(0), omittedAtDefault: true)
    public static let durationS = ParameterSpec(
        "duration_s", "an open loop sends every request due within this time instead of `requests` (0: `requests`)",
        unit: "s", kind: .real(0...86_400), default: .integer(0), omittedAtDefault: true)
    /// Service-level objectives, per request (0: none).
    public static let sloTTFTMs = ParameterSpec(
        "slo_ttft_ms", "objective: time to first token, from the schedule in an open loop (0: none)", unit: "ms",
        kind: .real(0...3_600_000), default: .integer(0), omittedAtDefault: true)
    public static let sloTPOTMs = ParameterSpec(
        "slo_tpot_ms", "objective: time per output token after the first (0: none)", unit: "ms",
        kind: .real(0...3_600_000), default: .integer(0), omittedAtDefault: true)
    public static let sloE2EMs = ParameterSpec(
        "slo_e2e_ms", "objective: a request's whole time, from the schedule in an open loop (0: none)", unit: "ms",
        kind: .real(0...3_600_000), default: .integer(0), omittedAtDefault: true)
    public static let sloPercentile = ParameterSpec(
        "slo_percentile", "the percentile of each figure a point must keep within its objective",
        kind: .choice(of: SLOPercentile.self), default: .text(SLOPercentile.p99.rawValue), omittedAtDefault: true)

    /// Every parameter of the `llm` scenario.
    public static let llm: [ParameterSpec] = [
        llmConcurrency, requests, promptTokens, outputTokens, stream, api, url, model, apiKeyEnv, requestTimeoutS,
        ttftMs, prefillUsPerToken, itlMs, tokensPerChunk, capacity, llmJitter, llmFailureRate, seed, rate, arrival,
        burstiness, maxConcurrency, durationS, sloTTFTMs, sloTPOTMs, sloE2EMs, sloPercentile,
    ]
}

/// Whether a completion streams (`stream: true`).
public enum StreamChoice: String, ParameterChoice {
    case yes = "true"
    case no = "false"
}

/// The OpenAI-compatible API a completion request uses.
public enum CompletionAPI: String, ParameterChoice {
    /// `POST /v1/chat/completions`, the prompt as one user message.
    case chat
    /// `POST /v1/completions`, the prompt as `prompt`.
    case completions

    /// The path on SpeedLab's own services.
    public var path: String {
        switch self {
        case .chat: "/v1/chat/completions"
        case .completions: "/v1/completions"
        }
    }
}

/// The percentile at which a point is held to its objectives (`slo_percentile`).
public enum SLOPercentile: String, ParameterChoice {
    case p50
    case p90
    case p99

    public var fraction: Double {
        switch self {
        case .p50: 0.5
        case .p90: 0.9
        case .p99: 0.99
        }
    }
}
