import SpeedLabCore
import SpeedLabStreaming

extension RequestRecord {
    /// What the store keeps of `timing`, request `number` of a repetition that started at `origin`.
    init(_ timing: StreamTiming, number: Int, origin: ContinuousClock.Instant) {
        func offset(_ instant: ContinuousClock.Instant) -> Int64 {
            let parts = origin.duration(to: instant).components
            return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
        }
        self.init(
            request: number, sentNanos: offset(timing.sent), firstByteNanos: timing.firstByte.map(offset),
            firstTokenNanos: timing.firstToken.map(offset), endNanos: timing.end.map(offset),
            promptTokens: timing.promptTokens, outputTokens: timing.outputTokens,
            tokenSource: timing.tokenSource.rawValue, chunks: timing.chunks, status: timing.status,
            error: timing.error, arrivals: timing.contentArrivals.map(offset),
            scheduledNanos: timing.scheduled.map(offset))
    }
}
