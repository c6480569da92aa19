/// A deterministic SplitMix64 random number generator.
///
/// Used wherever the module resamples or permutes (bootstrap, E-divisive
/// permutation tests) so that a given seed always gives the same answer on
/// every platform and Swift version. Algorithm (Steele, Lea & Flood 2014):
/// state += 0x9E3779B97F4A7C15; z = (z ^ (z >> 30)) · 0xBF58476D1CE4E5B9;
/// z = (z ^ (z >> 27)) · 0x94D049BB133111EB; output z ^ (z >> 31).
/// Known answer: the first output for seed 0 is 0xE220A8397B1DCDAF.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in 0..<upperBound, unbiased (Lemire's multiply-and-reject).
    ///
    /// Spelled out here rather than using `Int.random(in:using:)` so results do
    /// not depend on the standard library's choice of algorithm.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// Uniform double in [0, 1) built from the top 53 bits.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `values` in place (Fisher–Yates, using `nextIndex(below:)`).
    public mutating func shuffle<Element>(_ values: inout [Element]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            let other = nextIndex(below: index + 1)
            if other != index { values.swapAt(index, other) }
        }
    }
}
