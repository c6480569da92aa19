/// Reads one answer of an OpenAI-compatible server, after its HTTP framing, into a
/// ``StreamTiming``: the status, then the body as it arrives, each read stamped with the
/// instant its bytes arrived. A streamed answer is read as server-sent events (every content
/// chunk's arrival kept, usage and `[DONE]` read); an unstreamed one is gathered and read as
/// one JSON answer at its end. An error status, an `error` object, a body that is neither SSE
/// nor JSON, or a stream cut off before `[DONE]` sets the timing's error, with what was read.
public struct CompletionAnswerReader: Sendable {
    public private(set) var timing: StreamTiming
    private let streaming: Bool
    private var status = 0
    private var events = ServerSentEventReader()
    /// The whole body of an unstreamed or failed answer (up to ``gatherLimit``).
    private var gathered: [UInt8] = []
    /// The first bytes of the body, for an error that shows what was read.
    private var opening: [UInt8] = []
    private var bodyBytes = 0
    private var sawDone = false

    /// The most of an unstreamed answer read (a longer one fails).
    public static let gatherLimit = 64 << 20
    static let openingLimit = 160

    public init(sent: ContinuousClock.Instant, streaming: Bool) {
        timing = StreamTiming(sent: sent)
        self.streaming = streaming
    }

    /// Whether the answer needs no more bytes: `[DONE]` was read, or the request failed.
    public var isSettled: Bool { sawDone || timing.error != nil }

    /// The first byte of the answer arrived at `instant`.
    public mutating func firstByte(at instant: ContinuousClock.Instant) {
        if timing.firstByte == nil { timing.firstByte = instant }
    }

    /// The answer's status line was read.
    public mutating func head(status: Int) {
        self.status = status
        timing.status = status
    }

    /// Reads body bytes that arrived at `instant`.
    public mutating func body(_ bytes: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant) {
        guard timing.error == nil, !sawDone else { return }
        bodyBytes += bytes.count
        if opening.count < Self.openingLimit {
            opening.append(contentsOf: bytes.prefix(Self.openingLimit - opening.count))
        }
        guard status == 200, streaming else {
            guard gathered.count + bytes.count <= Self.gatherLimit else {
                timing.error = "the answer ran past \(Self.gatherLimit >> 20) MiB"
                return
            }
            gathered.append(contentsOf: bytes)
            return
        }
        // The event reader is moved out while it calls back into this reader (which it belongs
        // to), and back after: no copy of its buffers, no array of events per read.
        var events = ServerSentEventReader()
        swap(&events, &self.events)
        defer { swap(&events, &self.events) }
        do {
            try events.consumeRaw(bytes) { type, _, data in try take(type: type, data: data, at: instant) }
        } catch let failure as CompletionChunk.Failure {
            timing.error = failure.description
        } catch {
            timing.error = "\(error)"
        }
    }

    private mutating func take(type: [UInt8]?, data: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant)
        throws
    {
        guard !sawDone else { return }
        if let type, type.elementsEqual("error".utf8) {
            let text = String(decoding: data, as: UTF8.self)
            throw CompletionChunk.Failure(description: "the server sent an error event: \(CompletionChunk.shown(text))")
        }
        // The scanner reads a chunk where it lies; what it cannot read, the full decoder reads
        // again, and names when it is an error object or not JSON.
        let chunk =
            try CompletionChunkScanner.scan(data)
            ?? CompletionChunkScanner.Scanned(CompletionChunk.decode(String(decoding: data, as: UTF8.self)))
        if chunk.isDone {
            sawDone = true
            timing.end = instant
            return
        }
        timing.chunks += 1
        if chunk.hasContent { timing.contentArrivals.append(instant) }
        if let prompt = chunk.promptTokens { timing.promptTokens = prompt }
        if let completion = chunk.completionTokens { timing.usageTokens = completion }
    }

    /// The body ended (its framing said so, or the connection closed) at `instant`.
    public mutating func end(at instant: ContinuousClock.Instant) {
        guard timing.error == nil, !sawDone else { return }
        if status != 200 {
            timing.error = "HTTP \(status)" + (Self.errorMessage(gathered).map { ": \($0)" } ?? "")
            return
        }
        if streaming {
            let read =
                bodyBytes == 0
                ? "an empty body"
                : "\(bodyBytes) bytes: \"\(CompletionChunk.shown(String(decoding: opening, as: UTF8.self)))\""
            timing.error =
                timing.chunks == 0
                ? "the answer is not an event stream of completion chunks (\(read))"
                : "the stream ended before [DONE] after \(timing.chunks) chunks"
            return
        }
        do {
            let chunk = try CompletionChunk.decode(String(decoding: gathered, as: UTF8.self))
            timing.chunks = 1
            if chunk.content != nil { timing.contentArrivals = [instant] }
            timing.promptTokens = chunk.promptTokens
            timing.usageTokens = chunk.completionTokens
            timing.end = instant
        } catch {
            timing.error = "\(error)"
        }
    }

    /// The request failed on the way (the connection broke, its time ran out): `why`, with the
    /// bytes read so far.
    public mutating func fail(_ why: String) {
        guard timing.error == nil, !sawDone else { return }
        timing.error = bodyBytes == 0 ? why : "\(why) after \(bodyBytes) bytes of its answer"
    }

    /// The `error.message` of an error answer, or its first bytes shown safely.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        do {
            _ = try CompletionChunk.decode(text)
        } catch {
            if let message = error.serverMessage { return message }
        }
        return "\"" + CompletionChunk.shown(text) + "\""
    }
}
