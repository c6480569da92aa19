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

    /// The bootstrap spelled out: each round draws the numerator's values then the
    /// denominator's, takes each resample's median by sorting, and the bounds are the sorted
    /// ratios' type-7 quantiles. Counting ranks, in a register or a buffer, must give the same.
    private static func reference(_ numerator: [Double], _ denominator: [Double], resamples: Int, seed: UInt64)
        -> (lower: Double, upper: Double, used: Int)
    {
        var generator = SeededGenerator(seed: seed)
        func resampledMedian(_ values: [Double]) -> Double {
            let drawn = (0..<values.count).map { _ in values[generator.nextIndex(below: values.count)] }.sorted()
            let middle = drawn.count / 2
            return drawn.count % 2 == 1 ? drawn[middle] : (drawn[middle - 1] + drawn[middle]) / 2
        }
        var ratios: [Double] = []
        for _ in 0..<resamples {
            let ratio = resampledMedian(numerator.sorted()) / resampledMedian(denominator.sorted())
            if ratio.isFinite { ratios.append(ratio) }
        }
        ratios.sort()
        func quantile(_ p: Double) -> Double {
            let position = Double(ratios.count - 1) * p
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, ratios.count - 1)
            let fraction = position - Double(lower)
            let difference = ratios[upper] - ratios[lower]
            return fraction >= 0.5
                ? ratios[upper] - difference * (1 - fraction) : ratios[lower] + difference * fraction
        }
        let alpha = 1 - 0.95
        return (quantile(alpha / 2), quantile(1 - alpha / 2), ratios.count)
    }

    @Test func countingDrawnRanksGivesTheSpelledOutBootstrapsBoundsForEverySampleSize() throws {
        for size in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 31] {
            for other in [size, 3, 8, 9] {
                let numerator = SyntheticSeries.normal(count: size, mean: 80, standardDeviation: 5, seed: UInt64(size))
                    .map { ($0 * 4).rounded() / 4 }  // ties, as timings on a coarse clock have
                let denominator = SyntheticSeries.normal(
                    count: other, mean: 100, standardDeviation: 5, seed: UInt64(100 + other))
                let interval = try BootstrapCI(
                    numerator: numerator, denominator: denominator, resamples: 500, seed: UInt64(size * 31 + other))
                let expected = Self.reference(numerator, denominator, resamples: 500, seed: UInt64(size * 31 + other))
                #expect(interval.lower == expected.lower, "sizes \(size) and \(other)")
                #expect(interval.upper == expected.upper, "sizes \(size) and \(other)")
            }
        }
    }

    /// Drawn ranks are kept per sample sizes, rounds and seed and reused: intervals of other
    /// values with the same sizes, zeros among the denominator's included (rounds skipped),
    /// still equal the spelled-out bootstrap, each drawing its rounds afresh.
    @Test func intervalsOfTheSameSizesReuseTheirDrawsAndStillEqualTheSpelledOutBootstrap() throws {
        for trial in 0..<12 {
            let numerator = SyntheticSeries.normal(count: 5, mean: 50 + Double(trial), standardDeviation: 9, seed: 900)
                .map { $0.rounded() }
            var denominator = SyntheticSeries.normal(
                count: 6, mean: 60, standardDeviation: 8, seed: 901 + UInt64(trial)
            ).map { $0.rounded() }
            if trial % 3 == 0 { denominator[0] = 0 }
            if trial % 4 == 0 { denominator[1] = 0 }
            let interval = try BootstrapCI(numerator: numerator, denominator: denominator, resamples: 700, seed: 77)
            let expected = Self.reference(numerator, denominator, resamples: 700, seed: 77)
            #expect(interval.lower == expected.lower, "trial \(trial)")
            #expect(interval.upper == expected.upper, "trial \(trial)")
            #expect(interval.resamplesUsed == expected.used, "trial \(trial)")
        }
    }
}
