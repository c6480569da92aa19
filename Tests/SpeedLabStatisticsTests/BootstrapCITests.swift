import SpeedLabStatistics
import Testing

@Suite("Percentile bootstrap of a ratio of medians")
struct BootstrapCITests {
    private let base = SyntheticSeries.normal(count: 30, mean: 100, standardDeviation: 5, seed: 1)
    private let head = SyntheticSeries.normal(count: 30, mean: 80, standardDeviation: 5, seed: 2)

    @Test func sameSeedGivesTheSameIntervalAndOtherSeedsDiffer() throws {
        let first = try BootstrapCI(numerator: head, denominator: base, seed: 42)
        let again = try BootstrapCI(numerator: head, denominator: base, seed: 42)
        let other = try BootstrapCI(numerator: head, denominator: base, seed: 43)
        #expect(first == again)
        #expect(first.lower != other.lower || first.upper != other.upper)
    }

    @Test func intervalBracketsTheRatioOfMedians() throws {
        let interval = try BootstrapCI(numerator: head, denominator: base)
        let expected = try DescriptiveStatistics(head).median / DescriptiveStatistics(base).median
        #expect(interval.estimate == expected)
        #expect(interval.lower <= interval.estimate)
        #expect(interval.estimate <= interval.upper)
        #expect(interval.lower > 0.7 && interval.upper < 0.9)
        #expect(interval.resamplesUsed == 2_000)
    }

    @Test func intervalNarrowsWithLargerSamples() throws {
        let small = try BootstrapCI(
            numerator: SyntheticSeries.normal(count: 10, mean: 80, standardDeviation: 5, seed: 3),
            denominator: SyntheticSeries.normal(count: 10, mean: 100, standardDeviation: 5, seed: 4))
        let large = try BootstrapCI(
            numerator: SyntheticSeries.normal(count: 400, mean: 80, standardDeviation: 5, seed: 5),
            denominator: SyntheticSeries.normal(count: 400, mean: 100, standardDeviation: 5, seed: 6))
        #expect(large.width < small.width / 3)
    }

    @Test func zeroDenominatorMedianThrows() {
        #expect(throws: StatisticsError.zeroDenominator) {
            try BootstrapCI(numerator: [1, 2, 3], denominator: [0, 0, 1])
        }
    }

    /// Its speed is measured by `speedlab-bench report`, not asserted here.
    @Test func twoThousandResamplesOfThirtyValuesGiveAnIntervalAroundTheRatio() throws {
        let interval = try BootstrapCI(numerator: head, denominator: base, resamples: 2_000)
        #expect(interval.lower <= interval.upper)
        #expect(interval.lower > 0.7 && interval.upper < 0.9, "the medians are about 80 and 100")
    }
}
