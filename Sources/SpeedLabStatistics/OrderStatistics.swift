/// Quantiles and medians of samples that are already sorted ascending.
///
/// Shared by `DescriptiveStatistics`, `TukeyOutliers`, `BootstrapCI` and
/// `HodgesLehmann` so that every quantile in the module follows one rule:
/// numpy's default `method='linear'` (Hyndman & Fan type 7).
enum OrderStatistics {
    /// Type-7 quantile of an ascending, non-empty sample.
    ///
    /// h = (n − 1)·p, j = ⌊h⌋, g = h − j, Q = x[j] + g·(x[j+1] − x[j]).
    /// For g ≥ 0.5 the value is computed as x[j+1] − (1 − g)·(x[j+1] − x[j]),
    /// exactly as numpy's `_lerp` does, so results agree bit for bit in
    /// ordinary cases. `p` is clamped to [0, 1].
    static func quantile(sorted values: [Double], probability p: Double) -> Double {
        let count = values.count
        precondition(count > 0, "quantile of an empty sample")
        let clamped = min(max(p, 0), 1)
        let position = Double(count - 1) * clamped
        let lowerIndex = min(Int(position.rounded(.down)), count - 1)
        let upperIndex = min(lowerIndex + 1, count - 1)
        let fraction = position - Double(lowerIndex)
        let lower = values[lowerIndex]
        let upper = values[upperIndex]
        let difference = upper - lower
        if fraction >= 0.5 {
            return upper - difference * (1 - fraction)
        }
        return lower + difference * fraction
    }

    /// Type-7 quantiles of a non-empty, unsorted sample at ascending probabilities: the same
    /// values `quantile(sorted:probability:)` gives for the sorted sample, found by selection
    /// (O(count) per probability) instead of a sort. May reorder `values`.
    static func quantiles(selecting values: inout [Double], probabilities: [Double]) -> [Double] {
        let count = values.count
        precondition(count > 0, "quantile of an empty sample")
        // values[placed] holds its sorted rank, with nothing larger before it and nothing
        // smaller after it; so do the ranks found for the probabilities before.
        var placed = -1
        var previousLower = -1
        var results: [Double] = []
        results.reserveCapacity(probabilities.count)
        for p in probabilities {
            let clamped = min(max(p, 0), 1)
            let position = Double(count - 1) * clamped
            let lowerIndex = min(Int(position.rounded(.down)), count - 1)
            let upperIndex = min(lowerIndex + 1, count - 1)
            precondition(lowerIndex >= previousLower, "probabilities must ascend")
            previousLower = lowerIndex
            let fraction = position - Double(lowerIndex)
            func interpolated(_ lower: Double, _ upper: Double) -> Double {
                let difference = upper - lower
                return fraction >= 0.5 ? upper - difference * (1 - fraction) : lower + difference * fraction
            }
            if let (lower, upper) = nearEnd(values, lowerRank: lowerIndex, upperRank: upperIndex) {
                results.append(interpolated(lower, upper))
                continue
            }
            if lowerIndex > placed {
                select(&values, rank: lowerIndex, lowerBound: placed + 1, upperBound: count)
                placed = lowerIndex
            }
            if upperIndex > placed {
                // Everything after the placed rank is ≥ it: the next order statistic is their least.
                var leastIndex = upperIndex
                for index in (upperIndex + 1)..<count where values[index] < values[leastIndex] {
                    leastIndex = index
                }
                values.swapAt(upperIndex, leastIndex)
                placed = upperIndex
            }
            results.append(interpolated(values[lowerIndex], values[upperIndex]))
        }
        return results
    }

    /// The values of two adjacent sorted ranks near either end of the sample (a bootstrap's
    /// 2.5% and 97.5% bounds), found in one pass that keeps the few least or greatest values:
    /// its comparisons are almost always false, so they cost less than a selection's
    /// partitioning. Nil for ranks nearer the middle. Leaves `values` as they are.
    private static func nearEnd(_ values: [Double], lowerRank: Int, upperRank: Int) -> (Double, Double)? {
        let count = values.count
        let reach = max(8, count / 16)
        if upperRank < reach {
            let least = kept(upperRank + 1, of: values, before: <)
            return (least[lowerRank], least[upperRank])
        }
        if count - 1 - lowerRank < reach {
            let greatest = kept(count - lowerRank, of: values, before: >)
            return (greatest[count - 1 - lowerRank], greatest[count - 1 - upperRank])
        }
        return nil
    }

    /// The first `k` values of `values` in the order `before` gives, as a sorted array.
    @inline(__always)
    private static func kept(_ k: Int, of values: [Double], before: (Double, Double) -> Bool) -> [Double] {
        var kept: [Double] = []
        kept.reserveCapacity(k + 1)
        for value in values {
            if kept.count == k {
                guard before(value, kept[k - 1]) else { continue }
                kept.removeLast()
            }
            var index = kept.count
            while index > 0, before(value, kept[index - 1]) { index -= 1 }
            kept.insert(value, at: index)
        }
        return kept
    }

    /// Median of an ascending, non-empty sample (mean of the two middle values for even counts).
    static func median(sorted values: [Double]) -> Double {
        let count = values.count
        precondition(count > 0, "median of an empty sample")
        let middle = count / 2
        if count % 2 == 1 { return values[middle] }
        return (values[middle - 1] + values[middle]) / 2
    }

    /// Median of the first `count` elements of `buffer`, reordering them in place.
    ///
    /// Uses Hoare-style quickselect (median-of-three pivot), so the cost is
    /// O(count) on average and nothing is allocated. Used by the bootstrap,
    /// which computes thousands of medians of small resamples.
    static func selectMedian(_ buffer: inout [Double], count: Int) -> Double {
        precondition(count > 0 && count <= buffer.count, "median of an empty buffer")
        let middle = count / 2
        select(&buffer, rank: middle, upperBound: count)
        let upperMiddle = buffer[middle]
        if count % 2 == 1 { return upperMiddle }
        // After selection every element left of `middle` is ≤ buffer[middle].
        var lowerMiddle = buffer[0]
        for index in 1..<middle where buffer[index] > lowerMiddle {
            lowerMiddle = buffer[index]
        }
        return (lowerMiddle + upperMiddle) / 2
    }

    /// Places the element of the given 0-based rank at `buffer[rank]`, with
    /// smaller-or-equal elements before it and larger-or-equal after it, looking only at
    /// `buffer[lowerBound..<upperBound]` (which must hold that rank).
    static func select(_ buffer: inout [Double], rank: Int, lowerBound: Int = 0, upperBound: Int) {
        precondition(lowerBound <= rank && rank < upperBound && upperBound <= buffer.count, "rank outside the range")
        // Every index below stays within lowerBound..<upperBound: the scans stop at the pivot
        // or at an element already swapped past it.
        buffer.withUnsafeMutableBufferPointer { buffer in
            var low = lowerBound
            var high = upperBound - 1
            while high > low {
                let mid = low + (high - low) / 2
                // Median-of-three pivot guards against sorted input.
                if buffer[mid] < buffer[low] { buffer.swapAt(mid, low) }
                if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
                if buffer[high] < buffer[mid] { buffer.swapAt(high, mid) }
                let pivot = buffer[mid]
                var left = low
                var right = high
                while left <= right {
                    while buffer[left] < pivot { left += 1 }
                    while buffer[right] > pivot { right -= 1 }
                    if left <= right {
                        buffer.swapAt(left, right)
                        left += 1
                        right -= 1
                    }
                }
                if rank <= right {
                    high = right
                } else if rank >= left {
                    low = left
                } else {
                    return
                }
            }
        }
    }
}
