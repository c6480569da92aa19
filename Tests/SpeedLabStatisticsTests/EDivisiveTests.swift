import SpeedLabStatistics
import Testing

@Suite("E-divisive change-point detection")
struct EDivisiveTests {
    private let detector = EDivisive()

    @Test func flatNoisySeriesHasNoChangePoint() throws {
        let series = SyntheticSeries.steps([(200, 100)], seed: 10)
        #expect(try detector.changePoints(in: series).isEmpty)
    }

    @Test func singleStepIsFoundAtItsFirstIndex() throws {
        let series = SyntheticSeries.steps([(120, 100), (80, 120)], seed: 20)
        let points = try detector.changePoints(in: series)
        #expect(points.map(\.index) == [120])
        let point = try #require(points.first)
        #expect(abs(point.meanBefore - 100) < 1)
        #expect(abs(point.meanAfter - 120) < 1)
        #expect(abs(point.relativeChangePercent - 20) < 1.5)
        #expect(point.pValue <= 0.05)
    }

    @Test func severalStepsAreAllFoundInOrder() throws {
        let series = SyntheticSeries.steps([(100, 100), (100, 130), (100, 90), (100, 108)], seed: 30)
        let points = try detector.changePoints(in: series)
        #expect(points.map(\.index) == [100, 200, 300])
        #expect(points.map { $0.relativeChangePercent > 0 } == [true, false, true])
    }

    @Test func singleOutlierRunIsNotAChangePoint() throws {
        var series = SyntheticSeries.steps([(200, 100)], seed: 40)
        for index in 80..<83 { series[index] = 200 }
        #expect(try detector.changePoints(in: series).isEmpty)
    }

    @Test(arguments: [0, 57, 123, 198])
    func twoPointOutlierRunAnywhereIsNotAChangePoint(start: Int) throws {
        var series = SyntheticSeries.steps([(200, 100)], seed: 41)
        series[start] = 190
        series[start + 1] = 210
        #expect(try detector.changePoints(in: series).isEmpty)
    }

    @Test func aStepSmallerThanThreeTimesTheNoiseIsFilteredUnlessTheNoiseRuleIsOff() throws {
        let series = SyntheticSeries.steps([(100, 100), (100, 102)], seed: 50)  // 2σ at 1 % noise
        #expect(try detector.changePoints(in: series).isEmpty)
        var sensitive = detector
        sensitive.noiseMultiple = 0
        #expect(try sensitive.changePoints(in: series).map(\.index) == [100])
    }

    @Test func aFloorAboveTheNoiseHidesSmallerSteps() throws {
        let series = SyntheticSeries.steps([(100, 100), (100, 104)], noise: 0.002, seed: 51)  // 20σ
        #expect(try detector.changePoints(in: series).map(\.index) == [100])
        var coarse = detector
        coarse.minimumRelativeChange = 0.05
        #expect(try coarse.changePoints(in: series).isEmpty)
    }

    @Test func shortOrEmptySeriesHasNoChangePointAndBadSettingsThrow() throws {
        #expect(try detector.changePoints(in: []).isEmpty)
        #expect(try detector.changePoints(in: [1, 2, 3, 50, 60, 70]).isEmpty)
        var invalid = detector
        invalid.minimumSegmentSize = 1
        #expect(throws: StatisticsError.self) { try invalid.changePoints(in: [1, 2, 3]) }
        #expect(throws: StatisticsError.nonFiniteValue) { try detector.changePoints(in: [1, .nan]) }
    }

    /// Its speed is measured by `speedlab-bench history`, not asserted here.
    @Test func twoStepsInAThousandPointsAreFoundTheSameWayEveryTime() throws {
        let series = SyntheticSeries.steps([(400, 50), (350, 60), (250, 45)], seed: 60)
        let points = try detector.changePoints(in: series)
        #expect(points.map(\.index) == [400, 750])
        #expect(try detector.changePoints(in: series) == points)
    }

    // MARK: The minimum change follows the series' own noise

    @Test(arguments: [20, 50, 100, 200], [0.002, 0.005, 0.01, 0.03])
    func flatSeriesOfAnyLengthAndNoiseHaveNoChangePoint(length: Int, noise: Double) throws {
        for seed in 0..<3 {
            let series = SyntheticSeries.steps(
                [(length, 100)], noise: noise, seed: UInt64(length * 1_000) + UInt64(noise * 1e4) + UInt64(seed))
            #expect(try detector.changePoints(in: series).isEmpty, "length \(length), noise \(noise), seed \(seed)")
        }
    }

    @Test(arguments: [0.02, 0.05, 0.1, 0.2, 0.3], [4.0, 6.0])
    func aStepOfFourSigmaOrMoreIsFoundWithinTwoRuns(step: Double, sigmas: Double) throws {
        let noise = step / sigmas
        let series = SyntheticSeries.steps([(100, 100), (100, 100 * (1 + step))], noise: noise, seed: 7_000)
        let found = try detector.changePoints(in: series).map(\.index)
        #expect(found.count == 1 && abs(found[0] - 100) <= 2, "step \(step) at \(sigmas)σ: \(found)")
    }

    @Test func aTwoPercentStepInHalfAPercentOfNoiseIsFound() throws {
        let series = SyntheticSeries.steps([(100, 100), (100, 102)], noise: 0.005, seed: 7_100)
        let found = try detector.changePoints(in: series).map(\.index)
        #expect(found.count == 1 && abs(found[0] - 100) <= 2, "\(found)")
    }

    @Test func twoAndThreeStepsInOneSeriesAreAllFound() throws {
        let two = SyntheticSeries.steps([(80, 100), (80, 105), (80, 99)], noise: 0.01, seed: 7_200)
        let three = SyntheticSeries.steps([(60, 100), (60, 110), (60, 104), (60, 120)], noise: 0.01, seed: 7_300)
        for (series, truth) in [(two, [80, 160]), (three, [60, 120, 180])] {
            let found = try detector.changePoints(in: series).map(\.index)
            #expect(found.count == truth.count, "\(found) vs \(truth)")
            #expect(zip(found, truth).allSatisfy { abs($0 - $1) <= 2 }, "\(found) vs \(truth)")
        }
    }

    @Test(arguments: [0, 37, 100, 199])
    func aSingleRunFiftyPercentSlowerIsNotAChangePoint(at index: Int) throws {
        var series = SyntheticSeries.steps([(200, 100)], noise: 0.005, seed: 7_400)
        series[index] *= 1.5
        #expect(try detector.changePoints(in: series).isEmpty)
    }

    @Test func theNoiseEstimateIgnoresStepsAndOutliers() throws {
        var series = SyntheticSeries.steps([(100, 100), (100, 130)], noise: 0.01, seed: 7_500)
        series[50] = 300
        let noise = try #require(SeriesNoise.relative(series))
        #expect(noise > 0.007 && noise < 0.013, "\(noise)")
        #expect(SeriesNoise.relative([5, 5, 5, 5]) == 0)
        #expect(SeriesNoise.relative([1, 2]) == nil)
    }
}
