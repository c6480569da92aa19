/// Benjamini-Hochberg false-discovery-rate adjustment of p-values.
///
/// Used when many benchmarks are compared at once, so that "significant"
/// regressions are controlled at a false discovery rate rather than per test.
/// Step-up procedure (Benjamini & Hochberg 1995), as
/// `scipy.stats.false_discovery_control(ps, method='bh')` computes it:
/// sort ascending, p̃₍ᵢ₎ = p₍ᵢ₎ · (m / i), take the running minimum from the
/// largest rank downwards (monotone), cap at 1, and return in input order.
public enum BenjaminiHochberg {
    /// Adjusted p-values in the order of `pValues`.
    ///
    /// Throws `.probabilityOutOfRange` for a value outside [0, 1] or NaN.
    /// An empty input gives an empty result.
    public static func adjust(_ pValues: [Double]) throws(StatisticsError) -> [Double] {
        for p in pValues where !(p >= 0 && p <= 1) {
            throw .probabilityOutOfRange(p)
        }
        let count = pValues.count
        guard count > 1 else { return pValues }
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        let total = Double(count)
        var adjusted = [Double](repeating: 0, count: count)
        var runningMinimum = Double.infinity
        for position in stride(from: count - 1, through: 0, by: -1) {
            let index = order[position]
            let scaled = pValues[index] * (total / Double(position + 1))
            runningMinimum = Swift.min(runningMinimum, scaled)
            adjusted[index] = Swift.min(runningMinimum, 1)
        }
        return adjusted
    }

    /// Indices whose adjusted p-value is at most `falseDiscoveryRate`.
    public static func discoveries(
        _ pValues: [Double], falseDiscoveryRate: Double = 0.05
    ) throws(StatisticsError) -> [Int] {
        let adjusted = try adjust(pValues)
        return adjusted.indices.filter { adjusted[$0] <= falseDiscoveryRate }
    }
}
