import Synchronization

/// A ``Checksum`` that concurrent tasks add to without a lock (wrapping atomic addition).
public final class AtomicChecksum: Sendable {
    private let value = Atomic<UInt64>(0)

    public init() {}

    public func add(item: Int, hash: UInt64) {
        value.wrappingAdd(Checksum.mix(item: item, hash: hash), ordering: .relaxed)
    }

    /// The sum so far, as a ``Checksum``.
    public var checksum: Checksum {
        var result = Checksum()
        result.merge(raw: value.load(ordering: .relaxed))
        return result
    }
}
