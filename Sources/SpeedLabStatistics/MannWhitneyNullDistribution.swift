/// The exact null distribution of the Mann-Whitney U statistic without ties.
///
/// Under H₀ every arrangement of the n₁ + n₂ ranks is equally likely, so
/// P(U = u) = c(u) / C(n₁ + n₂, n₁), where c(u) counts arrangements. The
/// generating function Σ c(u)·qᵘ is the Gaussian binomial [n₁+n₂ choose m]_q
/// (m = min(n₁, n₂), n = max), built one factor at a time:
/// [n+i choose i]_q = [n+i−1 choose i−1]_q · (1 − q^(n+i)) / (1 − q^i), i.e.
/// cᵢ(u) = cᵢ(u − i) + cᵢ₋₁(u) − cᵢ₋₁(u − n − i).
/// Only u ≤ `maximumU` is kept, so the cost is O(m · maximumU). Counts are held
/// as Double: exact below 2⁵³, relative error ~1e-15 beyond (checked against
/// Python integers for 8×1000).
struct MannWhitneyNullDistribution {
    /// c(u) for u = 0...maximumU.
    let counts: [Double]
    /// C(n₁ + n₂, n₁), the number of equally likely arrangements.
    let total: Double

    init(firstCount: Int, secondCount: Int, maximumU: Int) {
        let small = Swift.min(firstCount, secondCount)
        let large = Swift.max(firstCount, secondCount)
        let limit = Swift.max(0, Swift.min(maximumU, small * large))
        var previous = [Double](repeating: 0, count: limit + 1)
        previous[0] = 1
        var current = previous
        var total = 1.0
        if small > 0 {
            for i in 1...small {
                for u in 0...limit {
                    var value = previous[u]
                    if u >= i { value += current[u - i] }
                    if u >= large + i { value -= previous[u - large - i] }
                    current[u] = value
                }
                swap(&previous, &current)
                total = total * Double(large + i) / Double(i)
            }
        }
        counts = previous
        self.total = total.rounded()
    }

    /// P(U ≤ u) for 0 ≤ u ≤ maximumU.
    func cumulativeProbability(_ u: Int) -> Double {
        guard u >= 0 else { return 0 }
        var sum = 0.0
        for index in 0...Swift.min(u, counts.count - 1) { sum += counts[index] }
        return sum / total
    }
}
