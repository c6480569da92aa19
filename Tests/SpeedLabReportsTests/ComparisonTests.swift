import SpeedLabCore
import SpeedLabReports
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@Suite struct ComparisonTests {
    static func comparison(_ metric: ComparisonMetric = .wall) throws -> (Comparison, SyntheticStore) {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        let base = try ReportData(run: 1, from: store.runs)
        let head = try ReportData(run: 2, from: store.runs)
        return (ComparisonBuilder(metric: metric).compare(base: base, head: head), store)
    }

    @Test func slowerPointIsARegressionFasterAnImprovementNoiseUnchanged() throws {
        let (comparison, store) = try Self.comparison()
        defer { store.remove() }
        let verdicts = Dictionary(
            uniqueKeysWithValues: comparison.points.map {
                ("\($0.scenario) tasks=\($0.parameters["tasks"]?.canonicalText ?? "")", $0.verdict)
            })
        #expect(
            verdicts == [
                "sequential tasks=8": .unchanged, "concurrent tasks=8": .regression,
                "concurrent tasks=64": .improvement,
            ])
        let regression = try #require(comparison.regressions.first)
        #expect(abs(regression.change - (12.035 / 10.035 - 1)) < 1e-9)
        #expect(regression.testMethod == "exact")
        #expect(abs(regression.pValue - 2.0 / 12_870) < 1e-12)  // complete separation, n = 8 + 8
        #expect(regression.adjustedP >= regression.pValue)
        #expect(regression.shiftLower <= regression.shift && regression.shift <= regression.shiftUpper)
        #expect(regression.shift > 1.8e6 && regression.shift < 2.2e6)
        #expect(comparison.hasRegressions)
    }

    @Test func pointsMeasuredByOneRunAreListedNotDropped() throws {
        let (comparison, store) = try Self.comparison()
        defer { store.remove() }
        #expect(
            comparison.unmatched.map {
                "\($0.run) \($0.point.scenario) workers=\($0.point.parameters["workers"]?.canonicalText ?? "")"
            }
                == ["1 parallel workers=2", "2 parallel workers=4"])
    }

    @Test func environmentDifferencesAreReportedAndOnlySetupChangesWarn() throws {
        let (comparison, store) = try Self.comparison()
        defer { store.remove() }
        #expect(comparison.differences.map(\.field) == ["Swift", "commit"])
        #expect(comparison.warnings.isEmpty)
    }

    @Test func speedupMetricTurnsTheDirectionAround() throws {
        let (comparison, store) = try Self.comparison(.speedup)
        defer { store.remove() }
        #expect(comparison.points.count == 2)  // sequential has no baseline, so no speedup
        #expect(comparison.regressions.map { $0.parameters["tasks"] } == [.integer(8)])
        #expect(comparison.improvements.map { $0.parameters["tasks"] } == [.integer(64)])
    }

    @Test func comparingARunWithItselfFlagsNothing() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        let data = try ReportData(run: 2, from: store.runs)
        let comparison = ComparisonBuilder().compare(base: data, head: data)
        #expect(comparison.points.allSatisfy { $0.verdict == .unchanged })
        #expect(comparison.unmatched.isEmpty && comparison.differences.isEmpty)
    }

    @Test func markdownAndCSVMatchGoldenFiles() throws {
        let (comparison, store) = try Self.comparison()
        defer { store.remove() }
        try expectMatchesGolden(ComparisonRenderer().markdown(comparison), named: "compare/compare-1-2.md")
        try expectMatchesGolden(ComparisonRenderer().csv(comparison), named: "compare/compare-1-2.csv")
    }
}

/// Points that both runs hold but that have no values of the metric: listed with the reason.
@Suite struct NotComparablePointTests {
    @Test func aPointWithoutABaselineIsNotComparableBySpeedupAndSaysWhy() throws {
        let (comparison, store) = try ComparisonTests.comparison(.speedup)
        defer { store.remove() }
        let sequential = try #require(comparison.notComparable.first { $0.point.scenario == "sequential" })
        #expect(sequential.reason == "no baseline to compute a speedup against")
        #expect(!comparison.points.contains { $0.scenario == "sequential" })
        let markdown = ComparisonRenderer().markdown(comparison)
        #expect(markdown.contains("## Not comparable"))
        #expect(markdown.contains("| sequential | `jitter=0 latency_ms=10 seed=42 tasks=8 work=0` | no baseline"))
    }

    @Test func aPointWithoutAnIdealTimeIsNotComparableByEfficiencyButTheOthersAre() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        try store.execute("UPDATE point SET idealNanos = NULL WHERE runId = 2 AND scenario = 'sequential'")
        let comparison = ComparisonBuilder(metric: .efficiency).compare(
            base: try ReportData(run: 1, from: store.runs), head: try ReportData(run: 2, from: store.runs))
        #expect(comparison.notComparable.map(\.point.scenario) == ["sequential"])
        #expect(comparison.notComparable.first?.reason == "no ideal time to compute an efficiency")
        #expect(comparison.points.count == 2)
    }

    @Test func aPointWithoutSamplesIsNotComparableRatherThanDropped() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        try store.execute(
            "DELETE FROM sample WHERE pointId IN (SELECT id FROM point WHERE runId = 2 AND scenario = 'sequential')")
        let comparison = ComparisonBuilder().compare(
            base: try ReportData(run: 1, from: store.runs), head: try ReportData(run: 2, from: store.runs))
        #expect(comparison.notComparable.map(\.reason) == ["no measured sample"])
        #expect(comparison.points.count + comparison.notComparable.count + comparison.unmatched.count == 5)
    }

    @Test func aPointWhoseParametersCannotBeReadIsAnErrorNamingRunAndPoint() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        try store.execute("UPDATE point SET parameters = '{\"tasks\":' WHERE id = 3")
        #expect(
            throws: StoreError.undecodablePoint(path: store.runs.path, run: 1, point: 3, parameters: "{\"tasks\":")
        ) {
            try ReportData(run: 1, from: store.runs)
        }
        do { _ = try ReportData(run: 1, from: store.runs) } catch {
            #expect("\(error)".contains("point 3 of run 1"))
        }
    }
}
