import SpeedLabCore

/// The runner's store policy: finished samples wait here and go to the ``RunRecorder`` in one
/// transaction at the end of a round, unless rounds are tiny; then they are gathered until
/// ``samplesPerTransaction`` samples or ``storeInterval`` have passed, so per-transaction
/// costs stay small per sample. It counts what it stored.
struct BatchStore {
    /// Samples gathered before a transaction when rounds are small.
    static let samplesPerTransaction = 1_000
    /// The longest finished samples wait to be stored (what a SIGKILL can lose at most).
    static let storeInterval: Duration = .milliseconds(200)

    private let recorder: any RunRecorder
    private let onEvent: @Sendable (RunEvent) -> Void
    private var pending: [PointSample] = []
    private var lastStored = ContinuousClock.now
    /// Samples stored, warm-ups included.
    private(set) var stored = 0
    /// Measured (not warm-up) samples stored.
    private(set) var measuredStored = 0

    init(recorder: any RunRecorder, onEvent: @escaping @Sendable (RunEvent) -> Void) {
        self.recorder = recorder
        self.onEvent = onEvent
    }

    /// Keeps a finished sample until the next transaction.
    mutating func append(_ sample: PointSample) {
        pending.append(sample)
    }

    /// Stores the waiting samples when enough of them, or of time, have gathered.
    mutating func storeIfDue() throws {
        if pending.count >= Self.samplesPerTransaction || lastStored.duration(to: .now) >= Self.storeInterval {
            try store()
        }
    }

    /// Stores the waiting samples now, in one transaction.
    mutating func store() throws {
        try recorder.record(pending)
        stored += pending.count
        measuredStored += pending.lazy.filter { !$0.sample.isWarmup }.count
        onEvent(.batchStored(samples: pending.count))
        pending.removeAll(keepingCapacity: true)
        lastStored = .now
    }
}
