/// The CPU kernel every scenario runs: FNV-1a 64-bit over the 8 little-endian bytes of each
/// `i` in `0..<work`, identical to the Python peer so the two can be compared.
///
/// `h = 14695981039346656037`; for each byte `b`: `h ^= b; h = h &* 1099511628211`.
/// Known answers: work 0 → 14695981039346656037, 1000 → 4216506881340005013.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    public static let prime: UInt64 = 1_099_511_628_211

    /// The kernel. `@inline(never)` keeps each call a real call; callers consume every result
    /// through ``Checksum`` so the optimiser cannot drop or merge the work.
    @inline(never)
    public static func hash(work: Int) -> UInt64 {
        var h = offsetBasis
        var i: UInt64 = 0
        let end = UInt64(max(0, work))
        while i < end {
            var bytes = i
            for _ in 0..<8 {
                h ^= bytes & 0xFF
                h = h &* prime
                bytes >>= 8
            }
            i &+= 1
        }
        return h
    }
}
