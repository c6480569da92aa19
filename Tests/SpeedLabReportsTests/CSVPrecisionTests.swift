import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStatistics
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// CSV is for machines: what a consumer reads back is exactly what the statistics computed,
/// U names its sample, and the same samples give the same answer wherever they are stored.
@Suite struct CSVPrecisionTests {
    /// The comparison CSV's rows as dictionaries by column name.
    static func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func uIsTheBaseSamplesAsScipyReportsIt() throws {
        let (comparison, store) = try ComparisonTests.comparison()
        defer { store.remove() }
        let data = try ReportData(run: 1, from: store.runs)
        let head = try ReportData(run: 2, from: store.runs)
        let baseTimes = PointTimings.grouped(data.samples)
        let headTimes = PointTimings.grouped(head.samples)
        let rows = Self.rows(ComparisonRenderer().csv(comparison))
        #expect(rows.count == comparison.points.count)
        for (row, point) in zip(rows, comparison.points) {
            let basePoint = try #require(data.points.first { $0.key == point.point })
            let headPoint = try #require(head.points.first { $0.key == point.point })
            let base = try #require(baseTimes[basePoint.id]?.wallNanos)
            let headValues = try #require(headTimes[headPoint.id]?.wallNanos)
            // scipy.stats.mannwhitneyu(base, head).statistic is U of its first argument.
            let scipyConvention = try MannWhitneyU(base, headValues).u
            #expect(Double(try #require(row["u_base"])) == scipyConvention)
            #expect(row["u"] == nil)
        }
    }

    @Test func pValuesAndShiftsReadBackExactlyAsComputed() throws {
        let (comparison, store) = try ComparisonTests.comparison()
        defer { store.remove() }
        let rows = Self.rows(ComparisonRenderer().csv(comparison))
        for (row, point) in zip(rows, comparison.points) {
            #expect(Double(try #require(row["p_value"])) == point.pValue)
            #expect(Double(try #require(row["p_adjusted"])) == point.adjustedP)
            #expect(Double(try #require(row["hl_shift_ns"])) == point.shift)
            #expect(Double(try #require(row["base_median_ns"])) == point.baseMedian)
            #expect(Double(try #require(row["ratio"])) == point.ratio)
        }
    }

    @Test func theSameSamplesAtTwoPointIDsGiveTheSameBootstrapInterval() throws {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        defer { store.remove() }
        let data = try ReportData(run: 1, from: store.runs)
        let timings = PointTimings.grouped(data.samples)
        let renumbered = data.points.map { point -> StoredPoint in
            var moved = point
            moved.id += 1_000
            moved.baselinePointID = point.baselinePointID.map { $0 + 1_000 }
            return moved
        }
        let builder = SpeedupReportBuilder()
        let original = builder.build(run: data.run, points: data.points, samples: timings, metrics: [:])
        let moved = builder.build(
            run: data.run, points: renumbered,
            samples: Dictionary(uniqueKeysWithValues: timings.map { ($0.key + 1_000, $0.value) }), metrics: [:])
        let intervals = original.rows.compactMap(\.speedup)
        #expect(!intervals.isEmpty)
        #expect(intervals == moved.rows.compactMap(\.speedup))
    }
}
