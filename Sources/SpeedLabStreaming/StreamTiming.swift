/// What one streamed request measured, on the monotonic clock, from the moment its first
/// byte was written (`sent`): when the first byte of the answer arrived, when the first chunk
/// carrying content did, every content chunk's arrival, and when the stream ended (`[DONE]`,
/// or the end of a JSON answer without streaming). A stream is a call with more timings.
///
/// Definitions (written beside other tools' names in `docs/streaming.md`):
/// - `ttft`: sent → first chunk with non-empty content (vLLM's TTFT);
/// - `itl`: every gap between two consecutive content chunks (vLLM's ITL; GenAI-Perf's
///   "inter-token latency" is the TPOT below, and GuideLLM's ITL excludes the first token);
/// - `tpot`: (e2e − ttft) ÷ (output tokens − 1) (vLLM's TPOT), for a request of two tokens or more;
/// - `e2e`: sent → end.
public struct StreamTiming: Sendable, Hashable {
    /// Where the output token count came from.
    public enum TokenSource: String, Sendable, Hashable {
        /// The server's `usage.completion_tokens`.
        case usage
        /// The content chunks counted (a server that sent no usage).
        case chunks
    }

    public var sent: ContinuousClock.Instant
    /// When an open loop's schedule had it due (nil in a closed loop): the origin of the
    /// from-schedule latencies, and of the dispatch delay to `sent`.
    public var scheduled: ContinuousClock.Instant?
    public var firstByte: ContinuousClock.Instant?
    /// Every content chunk's arrival, in order; the first is the first token's.
    public var contentArrivals: [ContinuousClock.Instant] = []
    public var end: ContinuousClock.Instant?
    /// Every event read, content or not.
    public var chunks = 0
    public var promptTokens: Int?
    /// `usage.completion_tokens` when the server sent it.
    public var usageTokens: Int?
    /// The answer's HTTP status, once its head was read.
    public var status: Int?
    /// Why the request failed, or nil.
    public var error: String?

    public init(sent: ContinuousClock.Instant) {
        self.sent = sent
    }

    public var firstToken: ContinuousClock.Instant? { contentArrivals.first }

    /// The output tokens: the server's usage when it sent one, else the content chunks.
    public var outputTokens: Int { usageTokens ?? contentArrivals.count }
    public var tokenSource: TokenSource { usageTokens == nil ? .chunks : .usage }

    public var succeeded: Bool { error == nil && end != nil }

    public var ttftNanos: Double? { firstToken.map { Self.nanos(sent.duration(to: $0)) } }

    /// From the schedule (or the send, in a closed loop) to the first token and to the end.
    public var scheduledTTFTNanos: Double? { firstToken.map { Self.nanos((scheduled ?? sent).duration(to: $0)) } }
    public var scheduledE2ENanos: Double? { end.map { Self.nanos((scheduled ?? sent).duration(to: $0)) } }
    /// From the schedule to the send.
    public var dispatchDelayNanos: Double? { scheduled.map { Self.nanos($0.duration(to: sent)) } }
    public var e2eNanos: Double? { end.map { Self.nanos(sent.duration(to: $0)) } }

    /// Every gap between consecutive content chunks, in nanoseconds.
    public var itlNanos: [Double] {
        guard contentArrivals.count > 1 else { return [] }
        return (1..<contentArrivals.count).map { Self.nanos(contentArrivals[$0 - 1].duration(to: contentArrivals[$0])) }
    }

    /// (e2e − ttft) ÷ (output tokens − 1), or nil with fewer than two tokens.
    public var tpotNanos: Double? {
        guard let ttft = ttftNanos, let e2e = e2eNanos, outputTokens > 1 else { return nil }
        return (e2e - ttft) / Double(outputTokens - 1)
    }

    static func nanos(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
    }
}
