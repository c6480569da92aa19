import SpeedLabStreaming
import Synchronization

/// The streamed requests of one repetition, as they were measured, kept for the store (its
/// `request` table) once the repetition's sample is stored.
public final class StreamRecorder: Sendable {
    private let kept = Mutex<StreamRepetition?>(nil)

    public init() {}

    /// Keeps the repetition's requests, measured from `start`.
    public func record(_ requests: [StreamTiming], start: ContinuousClock.Instant) {
        kept.withLock { $0 = StreamRepetition(start: start, requests: requests) }
    }

    /// What was recorded, if anything.
    public var repetition: StreamRepetition? { kept.withLock { $0 } }
}

/// Every request of one repetition of an llm point, and the instant its times count from.
public struct StreamRepetition: Sendable {
    public let start: ContinuousClock.Instant
    public let requests: [StreamTiming]

    public init(start: ContinuousClock.Instant, requests: [StreamTiming]) {
        self.start = start
        self.requests = requests
    }
}
