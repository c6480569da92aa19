/// Average ranks of a pooled sample and the sizes of its tie groups.
///
/// The rank step of the Mann-Whitney test: tied values share the mean of
/// the ranks they span (scipy `rankdata(method='average')`), and each group of
/// t > 1 equal values contributes t³ − t to the tie correction.
struct RankTransform {
    /// Rank of `values[i]` (1-based, ties averaged), in input order.
    let ranks: [Double]
    /// Sizes of the groups of equal values (groups of one included).
    let tieGroupSizes: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var groups: [Int] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold ranks start+1 ... end; their mean:
            let averageRank = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = averageRank }
            groups.append(end - start)
            start = end
        }
        self.ranks = ranks
        tieGroupSizes = groups
    }

    /// Whether any value occurs more than once.
    var hasTies: Bool { tieGroupSizes.contains { $0 > 1 } }

    /// Σ (t³ − t) over the tie groups.
    var tieTerm: Double {
        tieGroupSizes.reduce(0) { sum, size in
            let t = Double(size)
            return sum + (t * t * t - t)
        }
    }
}
