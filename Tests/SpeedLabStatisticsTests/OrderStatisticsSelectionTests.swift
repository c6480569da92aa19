import Testing

@testable import SpeedLabStatistics

@Suite("Quantiles by selection")
struct OrderStatisticsSelectionTests {
    /// Samples with ties, runs of equal values, sorted and reversed input, and sizes 1 to 60.
    private static func samples() -> [[Double]] {
        var generator = SeededGenerator(seed: 7)
        var all: [[Double]] = [
            [3], [2, 1], [1, 1, 1, 1], Array(stride(from: 0.0, to: 40, by: 1)), (0..<33).map { Double(33 - $0) },
        ]
        for size in 1...60 {
            all.append((0..<size).map { _ in Double(generator.nextIndex(below: max(1, size / 3))) })
            all.append((0..<size).map { _ in generator.nextUnitInterval() * 100 })
        }
        return all
    }

    @Test func selectionGivesTheSortedSamplesType7Quantiles() {
        let probabilityPairs: [[Double]] = [
            [0.025, 0.975], [0.005, 0.995], [0, 1], [0.5, 0.5], [0.25, 0.5, 0.75], [0.1, 0.1000001, 0.9], [-1, 2],
        ]
        for sample in Self.samples() {
            let sorted = sample.sorted()
            for probabilities in probabilityPairs {
                var buffer = sample
                let selected = OrderStatistics.quantiles(selecting: &buffer, probabilities: probabilities)
                let expected = probabilities.map { OrderStatistics.quantile(sorted: sorted, probability: $0) }
                #expect(selected == expected, "sample \(sample), probabilities \(probabilities)")
                #expect(buffer.sorted() == sorted, "selection only reorders")
            }
        }
    }
}
