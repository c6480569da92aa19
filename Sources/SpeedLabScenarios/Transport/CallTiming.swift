/// What one call measured, on the monotonic clock: when it started (asked for a connection,
/// or began its simulated wait), when the first byte of its answer arrived, when the last
/// did, and how many body bytes it read. Every call returns one, simulated or over http;
/// a stream is a call with more timings (its chunks' arrivals).
public struct CallTiming: Sendable, Hashable {
    public var start: ContinuousClock.Instant
    /// The first byte of the answer (a simulated answer arrives whole, at `end`).
    public var firstByte: ContinuousClock.Instant
    public var end: ContinuousClock.Instant
    /// Body bytes read (0 for a simulated call, which reads none).
    public var bytes: Int

    public init(
        start: ContinuousClock.Instant, firstByte: ContinuousClock.Instant, end: ContinuousClock.Instant, bytes: Int
    ) {
        self.start = start
        self.firstByte = firstByte
        self.end = end
        self.bytes = bytes
    }

    /// From the start to the last byte.
    public var latency: Duration { start.duration(to: end) }

    /// From the start to the first byte.
    public var timeToFirstByte: Duration { start.duration(to: firstByte) }
}
