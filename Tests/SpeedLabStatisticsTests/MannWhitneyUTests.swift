import SpeedLabStatistics
import Testing

@Suite("Mann-Whitney U test")
struct MannWhitneyUTests {
    @Test(arguments: KnownAnswers.shared.mannWhitney)
    func mannWhitneyMatchesScipyOnKnownCases(_ row: KnownAnswers.MannWhitney) throws {
        let test = try MannWhitneyU(row.x, row.y)
        #expect(test.u == row.u)
        #expect(test.method.rawValue == row.method)
        #expect(isClose(test.pValue, row.p, relative: 1e-9, absolute: 1e-12), "p \(test.pValue) vs \(row.p)")
    }

    @Test func fixtureCoversBothMethodsTiesAndEnoughCases() {
        let rows = KnownAnswers.shared.mannWhitney
        #expect(rows.count >= 30)
        #expect(rows.contains { $0.method == "exact" })
        #expect(rows.contains { $0.method == "asymptotic" && Set($0.x + $0.y).count < $0.x.count + $0.y.count })
        #expect(rows.contains { $0.x.count != $0.y.count })
    }

    @Test func exactIsChosenOnlyWithoutTiesAndWithASmallSample() throws {
        #expect(try MannWhitneyU([1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]).method == .exact)
        #expect(try MannWhitneyU([1, 2, 3], [3, 5, 6]).method == .asymptotic)
        let nine = (0..<9).map(Double.init)
        #expect(try MannWhitneyU(nine, nine.map { $0 + 0.5 }).method == .asymptotic)
    }

    @Test func swappingSamplesSwapsUAndKeepsP() throws {
        let x: [Double] = [1.1, 2.3, 0.7, 4.4, 3.9]
        let y: [Double] = [5.2, 6.1, 3.3, 7.7]
        let forward = try MannWhitneyU(x, y)
        let backward = try MannWhitneyU(y, x)
        #expect(forward.u == backward.secondU)
        #expect(forward.pValue == backward.pValue)
    }

    @Test func emptySampleThrows() {
        #expect(throws: StatisticsError.emptySample) { try MannWhitneyU([], [1]) }
    }
}
