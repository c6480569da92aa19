import Foundation
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// `report`, `compare` and `history` end to end, on synthetic stores.
@Suite struct ReportCommandTests {
    @Test func reportWritesMarkdownCSVAndChartsIntoReportsRunFolder() throws {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        defer { store.remove() }
        let result = try SpeedLabCommand.run(["report", "--db", store.runs.path], in: store.folder.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: store.folder.path("reports/1")).sorted()
        #expect(files == ["concurrent-tasks.svg", "points.csv", "report.md", "samples.csv"])
    }

    @Test func unknownFormatIsRefusedByTheParserWithTheValidFormats() throws {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        defer { store.remove() }
        let result = try SpeedLabCommand.run(
            ["report", "--db", store.runs.path, "--format", "pdf"], in: store.folder.url)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("The value 'pdf' is invalid for '--format <format>'"))
        #expect(result.stderr.contains("'md', 'csv' or 'svg'"))
    }

    @Test func compareFailsWithCode3OnRegressionOnlyWhenAsked() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        let plain = try SpeedLabCommand.run(
            ["compare", "latest~1", "latest", "--db", store.runs.path], in: store.folder.url)
        #expect(plain.exitCode == 0)
        #expect(plain.stdout.contains("| points | 1 | 1 | 1 | 2 | 0 |"))
        let gated = try SpeedLabCommand.run(
            ["compare", "before", "after", "--db", store.runs.path, "--fail-on-regression"], in: store.folder.url)
        #expect(gated.exitCode == 3)
        #expect(gated.stderr.contains("1 point(s) regressed."))
        let same = try SpeedLabCommand.run(
            ["compare", "after", "after", "--db", store.runs.path, "--fail-on-regression"], in: store.folder.url)
        #expect(same.exitCode == 0)
    }

    @Test func compareWritesMarkdownAndCSVWithOut() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        let result = try SpeedLabCommand.run(
            ["compare", "1", "2", "--db", store.runs.path, "--out", "auto"], in: store.folder.url)
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("1 regressions, 1 improvements, 1 unchanged, 0 not comparable; wrote"))
        let files = try FileManager.default.contentsOfDirectory(atPath: store.folder.path("reports/compare-1-2"))
            .sorted()
        #expect(files == ["comparison.csv", "comparison.md"])
    }

    @Test func unknownMetricIsRefusedByTheParserAndUnknownRunIsAUsageError() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        let metric = try SpeedLabCommand.run(
            ["compare", "1", "2", "--db", store.runs.path, "--metric", "ram"], in: store.folder.url)
        #expect(metric.exitCode == 64)
        #expect(metric.stderr.contains("no measured sample of run 1 or run 2 has metric 'ram'"), "\(metric.stderr)")
        #expect(metric.stderr.contains("Metrics: wall, cpu, speedup, efficiency, or a sample metric: none stored."))
        #expect(metric.stderr.components(separatedBy: "has metric").count == 2, "the error is printed once")
        let malformed = try SpeedLabCommand.run(
            ["compare", "1", "2", "--db", store.runs.path, "--metric", "r a m"], in: store.folder.url)
        #expect(malformed.exitCode == 64)
        #expect(malformed.stderr.contains("The value 'r a m' is invalid for '--metric <metric>'"))
        let run = try SpeedLabCommand.run(["compare", "1", "9", "--db", store.runs.path], in: store.folder.url)
        #expect(run.exitCode == 64)
        #expect(run.stderr.contains("no run '9'"))
    }

    @Test func historyListsEachPointWithItsTrend() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        let result = try SpeedLabCommand.run(
            ["history", "--db", store.runs.path, "--scenario", "concurrent", "--param", "tasks=8"], in: store.folder.url
        )
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "## concurrent `concurrency=64 dispatch=window jitter=0 latency_ms=10 seed=42 tasks=8 work=0`"))
        #expect(result.stdout.contains("Trend (2 runs"))
        let bad = try SpeedLabCommand.run(
            ["history", "--db", store.runs.path, "--param", "tasks"], in: store.folder.url)
        #expect(bad.exitCode == 64)
    }
}
