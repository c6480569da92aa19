import SpeedLabStatistics
import Testing

@Suite("Descriptive statistics and Tukey fences")
struct DescriptiveStatisticsTests {
    @Test(arguments: KnownAnswers.shared.descriptive)
    func summaryMatchesNumpy(_ row: KnownAnswers.Descriptive) throws {
        let summary = try DescriptiveStatistics(row.values.reversed())
        #expect(summary.count == row.count)
        #expect(isClose(summary.mean, row.mean, relative: 1e-12))
        #expect(isClose(summary.median, row.median, relative: 1e-12))
        #expect(isClose(summary.mad, row.mad, relative: 1e-12))
        #expect(isClose(summary.scaledMAD, row.scaledMAD, relative: 1e-12))
        #expect(summary.min == row.min)
        #expect(summary.max == row.max)
        if let expected = row.standardDeviation {
            let actual = try #require(summary.standardDeviation)
            #expect(isClose(actual, expected, relative: 1e-12))
        } else {
            #expect(summary.standardDeviation == nil)
        }
    }

    @Test(arguments: KnownAnswers.shared.descriptive)
    func quantilesMatchNumpyLinearMethod(_ row: KnownAnswers.Descriptive) throws {
        let summary = try DescriptiveStatistics(row.values)
        for quantile in row.quantiles {
            #expect(
                isClose(summary.quantile(quantile.p), quantile.value, relative: 1e-14),
                "p = \(quantile.p)")
        }
    }

    @Test func emptyOrNonFiniteSampleThrowsInsteadOfCrashing() {
        #expect(throws: StatisticsError.emptySample) { try DescriptiveStatistics([]) }
        #expect(throws: StatisticsError.nonFiniteValue) { try DescriptiveStatistics([1, .nan]) }
        #expect(throws: StatisticsError.nonFiniteValue) { try DescriptiveStatistics([.infinity]) }
    }

    @Test(arguments: KnownAnswers.shared.tukey)
    func tukeyClassificationMatchesNumpyQuartiles(_ row: KnownAnswers.Tukey) throws {
        let outliers = try TukeyOutliers(row.values)
        #expect(isClose(outliers.firstQuartile, row.q1, relative: 1e-14))
        #expect(isClose(outliers.thirdQuartile, row.q3, relative: 1e-14))
        #expect(outliers.kinds.map(\.rawValue) == row.classes)
        #expect(outliers.normalCount + outliers.mildCount + outliers.severeCount == row.values.count)
    }

    @Test func tukeyCountsMildAndSevereSeparatelyAndKeepsEveryValue() throws {
        // Q1 = 3.5, Q3 = 8.5, IQR = 5: inner fences −4…16, outer fences −11.5…23.
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 40]
        let outliers = try TukeyOutliers(values)
        #expect(outliers.kinds.count == values.count)
        #expect(outliers.mildCount == 1)
        #expect(outliers.severeCount == 1)
        #expect(outliers.outlierIndices == [9, 10])
        #expect(outliers.kinds[9] == .mild)
        #expect(outliers.kinds[10] == .severe)
    }
}
