/// Finds the split of a segment that maximises the E-divisive energy statistic (α = 1).
///
/// For a split of z₀…z_{L−1} into X = z[0..<τ] (m = τ values) and
/// Y = z[τ..<L] (n = L − τ values), Matteson & James (2014) define
/// Ê = 2/(mn)·Σ|xᵢ − yⱼ| − Σ_{i<k}|xᵢ − xₖ|/C(m,2) − Σ_{j<k}|yⱼ − yₖ|/C(n,2)
/// and Q̂(τ) = mn/(m + n) · Ê (the end of the segment is fixed at L, as in
/// Apache Otava / hunter). With within-sums W(X), W(Y) and total W(Z),
/// Σ|xᵢ − yⱼ| = W(Z) − W(X) − W(Y). W over every prefix and suffix comes from
/// a Fenwick tree over value ranks: the new value v joining t earlier ones adds
/// v·c₋ − s₋ + (S − s₋) − v·(t − c₋) (c₋, s₋: count and sum of smaller values,
/// S: sum of all). One scan is O(L log L) and reuses its buffers, which keeps
/// hundreds of permutation scans cheap.
struct EnergyStatisticScanner {
    private var countTree: [Int] = []
    private var sumTree: [Double] = []
    private var prefixWithin: [Double] = []
    private var suffixWithin: [Double] = []

    /// Best split position τ (first index of the second part) and its Q̂, or nil
    /// when no τ leaves `minimumSegmentSize` values on both sides.
    /// `ranks` must be a permutation of 0..<values.count that orders `values`.
    mutating func bestSplit(
        values: [Double], ranks: [Int], minimumSegmentSize: Int
    ) -> (position: Int, statistic: Double)? {
        let length = values.count
        guard length >= 2 * minimumSegmentSize else { return nil }
        prepare(length)
        accumulateWithinSums(values: values, ranks: ranks, forward: true)
        accumulateWithinSums(values: values, ranks: ranks, forward: false)
        let total = prefixWithin[length]
        var best: (position: Int, statistic: Double)?
        for tau in minimumSegmentSize...(length - minimumSegmentSize) {
            let m = Double(tau)
            let n = Double(length - tau)
            let withinX = prefixWithin[tau]
            let withinY = suffixWithin[tau]
            let cross = total - withinX - withinY
            let energy = 2 * cross / (m * n) - withinX / (m * (m - 1) / 2) - withinY / (n * (n - 1) / 2)
            let statistic = m * n / (m + n) * energy
            if best == nil || statistic > (best?.statistic ?? -.infinity) {
                best = (tau, statistic)
            }
        }
        return best
    }

    private mutating func prepare(_ length: Int) {
        if prefixWithin.count < length + 1 {
            countTree = [Int](repeating: 0, count: length + 1)
            sumTree = [Double](repeating: 0, count: length + 1)
            prefixWithin = [Double](repeating: 0, count: length + 1)
            suffixWithin = [Double](repeating: 0, count: length + 1)
        }
    }

    /// Fills `prefixWithin[t]` (W of values[0..<t]) or `suffixWithin[t]` (W of values[t..<L]).
    private mutating func accumulateWithinSums(values: [Double], ranks: [Int], forward: Bool) {
        let length = values.count
        for index in 0...length {
            countTree[index] = 0
            sumTree[index] = 0
        }
        var within = 0.0
        var runningSum = 0.0
        if forward { prefixWithin[0] = 0 } else { suffixWithin[length] = 0 }
        for step in 0..<length {
            let index = forward ? step : length - 1 - step
            let value = values[index]
            let rank = ranks[index]
            let (smallerCount, smallerSum) = queryBelow(rank)
            let largerCount = step - smallerCount
            let largerSum = runningSum - smallerSum
            within += value * Double(smallerCount) - smallerSum + largerSum - value * Double(largerCount)
            insert(rank, value, limit: length)
            runningSum += value
            if forward { prefixWithin[step + 1] = within } else { suffixWithin[index] = within }
        }
    }

    /// Count and sum of inserted values whose rank is below `rank`.
    private func queryBelow(_ rank: Int) -> (Int, Double) {
        var count = 0
        var sum = 0.0
        var node = rank  // Fenwick nodes are 1-based; ranks 0..<rank map to 1...rank.
        while node > 0 {
            count += countTree[node]
            sum += sumTree[node]
            node -= node & -node
        }
        return (count, sum)
    }

    private mutating func insert(_ rank: Int, _ value: Double, limit: Int) {
        var node = rank + 1
        while node <= limit {
            countTree[node] += 1
            sumTree[node] += value
            node += node & -node
        }
    }
}
