import SpeedLabStatistics
import Testing

@Suite("Distribution-free median confidence interval")
struct MedianConfidenceIntervalTests {
    @Test(arguments: KnownAnswers.shared.medianConfidenceInterval.cases)
    func ranksAndCoverageMatchScipyBinomial(_ row: KnownAnswers.MedianCICase) throws {
        let ranks = try MedianConfidenceInterval.ranks(count: row.n, level: row.level)
        #expect(ranks.lowerRank == row.lowerRank)
        #expect(ranks.upperRank == row.upperRank)
        #expect(isClose(ranks.coverage, row.coverage, relative: 1e-10, absolute: 1e-12))
        #expect(ranks.levelReached == row.levelReached)
    }

    @Test func intervalPicksTheKnownOrderStatisticsOfASample() throws {
        let fixture = KnownAnswers.shared.medianConfidenceInterval
        let interval = try MedianConfidenceInterval(fixture.sample)
        #expect(interval.lowerRank == fixture.sampleAnswer.lowerRank)
        #expect(interval.upperRank == fixture.sampleAnswer.upperRank)
        #expect(interval.lower == fixture.sampleAnswer.lower)
        #expect(interval.upper == fixture.sampleAnswer.upper)
        #expect(interval.coverage >= 0.95)
    }

    @Test func tinySampleFallsBackToMinMaxAndReportsAchievedCoverage() throws {
        let interval = try MedianConfidenceInterval([3, 1, 2, 5, 4], level: 0.95)
        #expect(interval.lower == 1)
        #expect(interval.upper == 5)
        #expect(!interval.levelReached)
        #expect(interval.coverage == 0.9375)  // 1 − 2/2⁵
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.emptySample) { try MedianConfidenceInterval([]) }
        #expect(throws: StatisticsError.probabilityOutOfRange(1.0)) {
            try MedianConfidenceInterval([1, 2, 3], level: 1.0)
        }
    }
}
