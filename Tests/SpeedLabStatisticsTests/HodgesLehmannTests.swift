import SpeedLabStatistics
import Testing

@Suite("Hodges-Lehmann shift and Moses interval")
struct HodgesLehmannTests {
    @Test(arguments: KnownAnswers.shared.hodgesLehmann)
    func shiftAndIntervalMatchPythonReference(_ row: KnownAnswers.HodgesLehmann) throws {
        let result = try HodgesLehmann(base: row.x, head: row.y, level: row.level)
        #expect(result.method.rawValue == row.method)
        #expect(result.criticalIndex == row.k)
        #expect(isClose(result.estimate, row.estimate, relative: 1e-12))
        #expect(result.lower == row.lower)
        #expect(result.upper == row.upper)
        #expect(isClose(result.coverage, row.coverage, relative: 1e-9))
        #expect(result.levelReached == row.levelReached)
    }

    @Test func shiftIsHeadMinusBase() throws {
        let base: [Double] = [10, 11, 12, 13, 14, 15]
        let slower = try HodgesLehmann(base: base, head: base.map { $0 + 2 })
        let faster = try HodgesLehmann(base: base, head: base.map { $0 - 2 })
        #expect(slower.estimate == 2)
        #expect(faster.estimate == -2)
        #expect(slower.lower <= 2 && 2 <= slower.upper)
    }
}
