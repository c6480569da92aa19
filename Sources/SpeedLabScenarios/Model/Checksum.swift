/// Combines per-item kernel results into one value that does not depend on completion order.
///
/// Each item's hash is mixed with its index (so swapping two items' work is caught) and
/// the mixes are added with wrapping arithmetic (so any completion order gives the same sum).
public struct Checksum: Sendable, Hashable {
    public private(set) var value: UInt64 = 0

    public init() {}

    /// Adds the kernel result of `item`.
    public mutating func add(item: Int, hash: UInt64) {
        value = value &+ Self.mix(item: item, hash: hash)
    }

    /// Adds another partial checksum (from a worker thread).
    public mutating func merge(_ other: Checksum) {
        value = value &+ other.value
    }

    /// Adds a raw partial sum (from ``AtomicChecksum``).
    mutating func merge(raw: UInt64) {
        value = value &+ raw
    }

    /// The contribution of one item.
    public static func mix(item: Int, hash: UInt64) -> UInt64 {
        SeededDraw.splitMix64(UInt64(truncatingIfNeeded: item) &+ 0x5EED) ^ hash
    }
}
