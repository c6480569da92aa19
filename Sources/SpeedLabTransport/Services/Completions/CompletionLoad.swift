import Synchronization

/// The completions `speedlab services` is serving now, on every event loop: those prefilling
/// (from arrival to their first chunk) and those decoding (from their first chunk to their
/// end or their client's leaving). ``CompletionSchedule`` slows a request down when more than
/// its `capacity` share either phase with it.
final class CompletionLoad: Sendable {
    /// The two counts, read and changed together.
    private struct Counts {
        var prefilling = 0
        var decoding = 0
    }

    private let counts = Mutex(Counts())

    init() {}

    /// A request starts prefilling: the number prefilling now, itself included.
    func beginPrefill() -> Int {
        counts.withLock {
            $0.prefilling += 1
            return $0.prefilling
        }
    }

    /// A request's first chunk is out: it moves from prefilling to decoding.
    func prefillEnded() {
        counts.withLock {
            $0.prefilling -= 1
            $0.decoding += 1
        }
    }

    /// A request ends (or its client leaves) in the phase it was in.
    func ended(whilePrefilling: Bool) {
        counts.withLock {
            if whilePrefilling { $0.prefilling -= 1 } else { $0.decoding -= 1 }
        }
    }

    /// Streams decoding now.
    var decoding: Int { counts.withLock { $0.decoding } }
}
