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

    @Test func significantButSmallShiftIsFilteredByMinimumRelativeChange() throws {
        let series = SyntheticSeries.steps([(100, 100), (100, 102)], seed: 50)
        #expect(try detector.changePoints(in: series).isEmpty)
        var sensitive = detector
        sensitive.minimumRelativeChange = 0.01
        #expect(try sensitive.changePoints(in: series).map(\.index) == [100])
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
}
