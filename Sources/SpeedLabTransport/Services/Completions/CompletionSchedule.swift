import SpeedLabScenarios

/// When each chunk of a completion's answer is due, as `speedlab services` plays a small model
/// (docs/streaming.md, "The services' model"):
///
/// - the prefill takes `ttft_ms + prefill_us_per_token × prompt_tokens / 1000` ms, × P / capacity
///   when P > capacity requests are prefilling on the server (this one included);
/// - then one token every `itl_ms`, × D / capacity when D > capacity streams are decoding;
/// - tokens go out in chunks of `tokens_per_chunk` (the last may be smaller), each when its
///   last token is ready;
/// - every chunk's delay is multiplied by a seeded factor in [1 − jitter, 1 + jitter];
/// - the request fails (503, before anything streams) when a seeded draw is below `failure_rate`.
///
/// Draws depend on (seed, request) alone, through ``SeededDraw``: a run and its repeat meet
/// the same failures and jitter whatever order the requests arrive in.
struct CompletionSchedule: Sendable, Hashable {
    let knobs: CompletionKnobs
    let promptTokens: Int
    let outputTokens: Int

    /// The ``SeededDraw`` service id of a completion's failure draw (`k = 0`); its jitter draws
    /// start from the key with service id `0x41`.
    static let failureService = 0x40
    static let jitterService = 0x41

    /// Whether the request is drawn to fail.
    var fails: Bool {
        knobs.failureRate > 0
            && SeededDraw.uniform(
                seed: knobs.seed, query: knobs.request, service: Self.failureService, attempt: 0, k: 0)
                < knobs.failureRate
    }

    /// How many chunks carry the output tokens.
    var chunkCount: Int { (outputTokens + knobs.tokensPerChunk - 1) / knobs.tokensPerChunk }

    /// The tokens of chunk `index` (0-based): `tokens_per_chunk`, fewer for the last.
    func tokens(inChunk index: Int) -> Int {
        min(knobs.tokensPerChunk, outputTokens - index * knobs.tokensPerChunk)
    }

    /// The prefill alone, in nanoseconds, before load and jitter.
    var prefillNanos: Double {
        knobs.ttftMs * 1e6 + knobs.prefillMicrosPerToken * 1e3 * Double(promptTokens)
    }

    /// How much slower work shared by `active` requests (this one included) runs.
    func slowdown(_ active: Int) -> Double {
        max(1, Double(active) / Double(knobs.capacity))
    }

    /// The delay before chunk `index` is sent, from the chunk before it (from the request's
    /// arrival for the first), with `prefilling` requests prefilling (at the request's arrival,
    /// itself included) and `decoding` streams decoding on the server.
    func delayNanos(beforeChunk index: Int, prefilling: Int, decoding: Int) -> Double {
        let interval = knobs.itlMs * 1e6 * slowdown(decoding)
        let tokens = Double(tokens(inChunk: index))
        let delay =
            index == 0
            ? prefillNanos * slowdown(prefilling) + (tokens - 1) * interval
            : tokens * interval
        return delay * jitterFactor(chunk: index)
    }

    /// The seeded factor in [1 − jitter, 1 + jitter] of chunk `index`'s delay.
    func jitterFactor(chunk index: Int) -> Double {
        guard knobs.jitter > 0 else { return 1 }
        let key = SeededDraw.key(
            seed: knobs.seed, query: knobs.request, service: Self.jitterService, attempt: 0, k: 0)
        let bits = SeededDraw.splitMix64(SeededDraw.splitMix64(key) &+ UInt64(index)) >> 11
        let u = Double(bits) * 0x1.0p-53
        return 1 + knobs.jitter * (2 * u - 1)
    }

    /// The words a model of this kind says: token `i` of a request is `words[i % count]`, and
    /// every token is sent as its word and a space.
    static let words = ["the", "fast", "model", "says", "a", "short", "word", "again"]

    /// The text of `count` tokens from token `first` on.
    static func text(tokens count: Int, from first: Int) -> String {
        var text = ""
        for token in first..<(first + count) {
            text += words[token % words.count]
            text += " "
        }
        return text
    }
}
