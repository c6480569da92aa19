import SpeedLabCore
import SpeedLabStreaming

/// How the agent's `llm` and `final` calls stream: an answer of ``tokens`` tokens whose first
/// arrives after ``ttftShare`` of the call's answer delay and whose last ends it, one token per
/// chunk. Over http an attempt drawn to answer or hang is a streamed chat completion from the
/// services with that schedule (a hang's is ten times as slow); one drawn to fail is the
/// services' error answer after the latency, as for every other call. Simulated, the same
/// schedule is drawn: the first token at its share of the delay.
enum AgentStream {
    static let tokens = 8
    static let ttftShare = 0.3

    static func isStreamed(_ service: AgentService) -> Bool { service == .llm || service == .final }

    /// When the first token of `call`'s answer arrives, after its start.
    static func ttftNanos(_ call: ServiceCall) -> Double { call.answerDelayNanos * ttftShare }

    /// The completion request of `call` to the services, its schedule set by its knobs.
    static func completion(_ call: ServiceCall) -> CompletionCall {
        let delay = call.answerDelayNanos
        let ttftMs = delay * ttftShare / 1e6
        let itlMs = delay * (1 - ttftShare) / Double(tokens - 1) / 1e6
        let knobs =
            "\"seed\":\(call.seed),\"ttft_ms\":\(ttftMs),\"prefill_us_per_token\":0,\"itl_ms\":\(itlMs),"
            + "\"tokens_per_chunk\":1,\"capacity\":1000000,\"jitter\":0,\"failure_rate\":0"
        let bodies = CompletionBodyBuilder(
            api: .chat, model: "speedlab", promptTokens: 4, outputTokens: tokens, stream: true, knobs: knobs)
        return CompletionCall(
            endpoint: .services(path: CompletionAPI.chat.path),
            body: bodies.body(request: call.query * 16 + call.service), headers: [], stream: true, number: call.query,
            timeoutNanos: Int64(delay) + 30_000_000_000)
    }

    /// Streams `call` through `client`: what it measured, its first byte being its first
    /// token's arrival. An error status is a ``ServiceFailure``; any other failed request a
    /// ``TransportError``.
    static func fetch(_ call: ServiceCall, client: any CompletionStreaming, context: ScenarioContext) async throws
        -> CallTiming
    {
        let timing = try await client.complete(completion(call))
        if let error = timing.error {
            if let status = timing.status, status != 200 { throw ServiceFailure(call, status: status) }
            throw TransportError("the services' streamed answer failed: \(error)")
        }
        let end = timing.end ?? .now
        let measured = CallTiming(start: timing.sent, firstByte: timing.firstToken ?? end, end: end, bytes: 0)
        context.calls.record(measured)
        return measured
    }
}
