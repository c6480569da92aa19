/// One request of an llm repetition as the store keeps it (a row of `request`): its times in
/// nanoseconds from the repetition's start on the monotonic clock — sent, first byte, first
/// token, end — its tokens, chunks, HTTP status and error, and the arrival of every content
/// chunk, so that any later metric can be computed from the store.
public struct RequestRecord: Sendable, Hashable {
    /// The request's number in its repetition, from 0.
    public var request: Int
    /// When an open loop's schedule had it due (nil in a closed loop).
    public var scheduledNanos: Int64?
    public var sentNanos: Int64
    public var firstByteNanos: Int64?
    public var firstTokenNanos: Int64?
    public var endNanos: Int64?
    public var promptTokens: Int?
    public var outputTokens: Int
    /// Where the output tokens came from: `usage` (the server's count) or `chunks` (counted).
    public var tokenSource: String
    /// Events read, content or not (`[DONE]` not counted).
    public var chunks: Int
    public var status: Int?
    public var error: String?
    /// Every content chunk's arrival, in nanoseconds from the repetition's start, in order.
    public var arrivals: [Int64]

    public init(
        request: Int, sentNanos: Int64, firstByteNanos: Int64?, firstTokenNanos: Int64?, endNanos: Int64?,
        promptTokens: Int?, outputTokens: Int, tokenSource: String, chunks: Int, status: Int?, error: String?,
        arrivals: [Int64], scheduledNanos: Int64? = nil
    ) {
        self.scheduledNanos = scheduledNanos
        self.request = request
        self.sentNanos = sentNanos
        self.firstByteNanos = firstByteNanos
        self.firstTokenNanos = firstTokenNanos
        self.endNanos = endNanos
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.tokenSource = tokenSource
        self.chunks = chunks
        self.status = status
        self.error = error
        self.arrivals = arrivals
    }
}

/// The compact form of a request's chunk arrivals in the store (`request.arrivals`): each
/// arrival as its distance in nanoseconds from the one before (the first from the request's
/// send), as an unsigned LEB128 varint — about 3–4 bytes per chunk at millisecond gaps.
public enum ArrivalCodec {
    public static func encode(_ arrivals: [Int64], from sent: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(arrivals.count * 4)
        var previous = sent
        for arrival in arrivals {
            var gap = UInt64(max(0, arrival - previous))
            previous = arrival
            while gap >= 0x80 {
                bytes.append(UInt8(gap & 0x7F) | 0x80)
                gap >>= 7
            }
            bytes.append(UInt8(gap))
        }
        return bytes
    }

    /// The arrivals `bytes` encode; nil when they are not a whole sequence of varints.
    public static func decode(_ bytes: some Collection<UInt8>, from sent: Int64) -> [Int64]? {
        var arrivals: [Int64] = []
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var previous = sent
        for byte in bytes {
            guard shift < 63 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                previous += Int64(truncatingIfNeeded: value)
                arrivals.append(previous)
                value = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        return shift == 0 ? arrivals : nil
    }
}
