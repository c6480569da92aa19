import SpeedLabStatistics
import Testing

@Suite("Benjamini-Hochberg, minimum detectable change and the normal distribution")
struct AdjustmentAndPowerTests {
    @Test(arguments: KnownAnswers.shared.benjaminiHochberg)
    func benjaminiHochbergMatchesScipyFalseDiscoveryControl(_ row: KnownAnswers.BenjaminiHochberg) throws {
        let adjusted = try BenjaminiHochberg.adjust(row.p)
        #expect(adjusted.count == row.adjusted.count)
        for (actual, expected) in zip(adjusted, row.adjusted) {
            #expect(isClose(actual, expected, relative: 1e-14))
        }
    }

    @Test func benjaminiHochbergRejectsInvalidPValues() {
        #expect(throws: StatisticsError.probabilityOutOfRange(1.5)) { try BenjaminiHochberg.adjust([0.1, 1.5]) }
        #expect((try? BenjaminiHochberg.adjust([])) == [])
    }

    @Test(arguments: KnownAnswers.shared.minimumDetectableChange)
    func minimumDetectableChangeMatchesPythonFormula(_ row: KnownAnswers.MinimumDetectableChange) throws {
        let change = try MinimumDetectableChange(
            firstCount: row.n1, secondCount: row.n2, noise: row.noise, baseline: row.baseline,
            alpha: row.alpha, power: row.power)
        #expect(isClose(change.absolute, row.absolute, relative: 1e-10))
        #expect(isClose(change.relative, row.relative, relative: 1e-10))
    }

    @Test func moreRunsMakeSmallerChangesDetectable() throws {
        let few = try MinimumDetectableChange(firstCount: 5, secondCount: 5, noise: 1, baseline: 10)
        let many = try MinimumDetectableChange(firstCount: 50, secondCount: 50, noise: 1, baseline: 10)
        #expect(many.relative < few.relative)
        let fromSamples = try MinimumDetectableChange(base: [9, 10, 11, 10, 10.5], head: [10, 10.2, 9.8])
        #expect(fromSamples.relative > 0)
    }

    @Test func normalCdfMatchesScipy() {
        for point in KnownAnswers.shared.normal.cdf {
            #expect(
                isClose(NormalDistribution.cdf(point.x), point.value, relative: 1e-12, absolute: 0),
                "x = \(point.x)")
        }
    }

    @Test func normalQuantileMatchesScipy() {
        for point in KnownAnswers.shared.normal.quantile {
            #expect(
                isClose(NormalDistribution.quantile(point.p), point.value, relative: 1e-12),
                "p = \(point.p)")
        }
    }
}
