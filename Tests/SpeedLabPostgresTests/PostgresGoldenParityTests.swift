#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabPostgres
    import SpeedLabReports
    import SpeedLabStore
    import SpeedLabStoreOpener
    import SpeedLabTestSupport
    import Testing
    import SpeedLabSQLite

    /// The stores the report golden tests read, copied into PostgreSQL with ``RunImporter``,
    /// render byte for byte the golden files pinned from SQLite: reports, CSV files, charts,
    /// comparisons, timelines and histories cannot tell which backend answers.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresGoldenParityTests {
        @Test func speedupReportMarkdownAndChartMatchTheSQLiteGoldenFiles() throws {
            let sqlite = try SyntheticStore.make(from: "stores/two-scenarios.sql")
            defer { sqlite.remove() }
            let copy = try PostgresCopy(of: sqlite.runs)
            defer { copy.remove() }
            let report = try SpeedupReportBuilder().build(
                run: 1, from: copy.store, scenarioOrder: ["sequential", "concurrent"])
            let markdown = SpeedupReportRenderer(scenarioSummaries: ["concurrent": "all fetches on one thread"])
                .markdown(report)
            try Self.expectSameAsGolden(markdown, named: "reports/two-scenarios.md")
            let section = try #require(report.sections.first { $0.scenario == "concurrent" })
            let chart = try #require(SVGChart.charts(for: section).first)
            try Self.expectSameAsGolden(chart.svg, named: "reports/concurrent-tasks.svg")
        }

        @Test func pointsAndSamplesCSVMatchTheSQLiteGoldenFiles() throws {
            let sqlite = try SyntheticStore.make(from: "stores/two-scenarios.sql")
            defer { sqlite.remove() }
            let copy = try PostgresCopy(of: sqlite.runs)
            defer { copy.remove() }
            let report = try SpeedupReportBuilder().build(
                run: 1, from: copy.store, scenarioOrder: ["sequential", "concurrent"])
            try Self.expectSameAsGolden(CSVRenderer().points(report), named: "reports/two-scenarios-points.csv")
            let scenarios = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.pointID, $0.scenario) })
            let samples = CSVRenderer().samples(run: 1, rows: try copy.store.samples(ofRun: 1), scenarios: scenarios)
            try Self.expectSameAsGolden(samples, named: "reports/two-scenarios-samples.csv")
        }

        @Test func comparisonMatchesTheSQLiteGoldenFiles() throws {
            let sqlite = try SyntheticStore.make(from: "stores/compare.sql")
            defer { sqlite.remove() }
            let copy = try PostgresCopy(of: sqlite.runs)
            defer { copy.remove() }
            let comparison = ComparisonBuilder(metric: .wall).compare(
                base: try ReportData(run: 1, from: copy.store), head: try ReportData(run: 2, from: copy.store))
            try Self.expectSameAsGolden(ComparisonRenderer().markdown(comparison), named: "compare/compare-1-2.md")
            try Self.expectSameAsGolden(ComparisonRenderer().csv(comparison), named: "compare/compare-1-2.csv")
        }

        /// The timeline is pinned by its golden file; every other file of the report (Markdown,
        /// charts) is compared with what the SQLite original renders.
        @Test func timelineMatchesTheSQLiteGoldenFileAndEveryReportFileIsTheSame() throws {
            let sqlite = try SyntheticStore.make(from: "stores/two-scenarios.sql")
            defer { sqlite.remove() }
            try sqlite.execute(
                try String(
                    contentsOf: FixturePaths.fixtures.appendingPathComponent("stores/traces.sql"), encoding: .utf8))
            let copy = try PostgresCopy(of: sqlite.runs)
            defer { copy.remove() }
            let files = ReportFiles.make(try ReportData(run: 1, from: copy.store), formats: [.md, .csv, .svg]).files
            let timeline = try #require(files.first { $0.name == "timeline-concurrent.svg" })
            try Self.expectSameAsGolden(timeline.text, named: "timeline/concurrent.svg")
            let original = ReportFiles.make(try ReportData(run: 1, from: sqlite.runs), formats: [.md, .csv, .svg])
                .files
            #expect(files.map(\.name) == original.map(\.name))
            for (file, expected) in zip(files, original) {
                #expect(
                    file.text == expected.text,
                    "\(file.name) differs from SQLite's: \(Self.firstDifference(file.text, expected.text))")
            }
        }

        @Test func historyMatchesTheSQLiteGoldenFilesAndCharts() throws {
            let (sqlite, folder) = try HistoryFixture.store()
            defer { folder.remove() }
            let copy = try PostgresCopy(of: sqlite)
            defer { copy.remove() }
            let filter = HistoryFilter()
            let files = HistoryRenderer().files(HistoryBuilder().build(try copy.store.history(filter), filter: filter))
            try Self.expectSameAsGolden(
                try #require(files.first { $0.name == "history.md" }).text, named: "history/history.md")
            try Self.expectSameAsGolden(
                try #require(files.first { $0.name == "history.csv" }).text, named: "history/history.csv")
            let original = HistoryRenderer().files(HistoryBuilder().build(try sqlite.history(filter), filter: filter))
            #expect(files.map(\.name) == original.map(\.name))
            #expect(files.map(\.text) == original.map(\.text))
            for filter in [
                HistoryFilter(scenario: "concurrent", parameters: ["tasks": "8"]), HistoryFilter(last: 3),
                HistoryFilter(label: "nightly", since: Date(timeIntervalSince1970: 1_790_000_000 + 10 * 86_400)),
            ] {
                let fromPostgres = HistoryBuilder().build(try copy.store.history(filter), filter: filter)
                let fromSQLite = HistoryBuilder().build(try sqlite.history(filter), filter: filter)
                #expect(HistoryRenderer().csv(fromPostgres) == HistoryRenderer().csv(fromSQLite), "\(filter)")
            }
        }

        /// Compares `actual` with `fixtures/golden/<name>` without ever recording: the golden files
        /// are pinned from SQLite by the report tests, and PostgreSQL must match them.
        static func expectSameAsGolden(
            _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let expected = try String(
                contentsOf: FixturePaths.golden.appendingPathComponent(name), encoding: .utf8)
            let difference = firstDifference(actual, expected)
            #expect(
                actual == expected, "\(name): PostgreSQL renders it unlike the SQLite golden file: \(difference)",
                sourceLocation: sourceLocation)
        }

        /// The first line where `actual` and `expected` differ, for a readable failure.
        static func firstDifference(_ actual: String, _ expected: String) -> String {
            let actualLines = actual.components(separatedBy: "\n")
            let expectedLines = expected.components(separatedBy: "\n")
            for index in 0..<max(actualLines.count, expectedLines.count) {
                let got = index < actualLines.count ? actualLines[index] : "<end>"
                let want = index < expectedLines.count ? expectedLines[index] : "<end>"
                if got != want { return "line \(index + 1): got '\(got)', expected '\(want)'" }
            }
            return "no line differs"
        }
    }

    /// A fresh PostgreSQL database holding every run of a source store, copied by ``RunImporter``.
    struct PostgresCopy {
        let database: PostgresTestDatabase
        let store: any RunDatabase

        init(of source: any RunDatabase) throws {
            let database = try PostgresTestDatabase.make()
            let store: any RunDatabase
            do {
                store = try StoreOpener.open(database.url, access: .write(create: true))
            } catch {
                database.drop()
                throw error
            }
            self.database = database
            self.store = store
            do {
                let summary = try RunImporter(source: source, target: store).run(RunImporter.Selection())
                #expect(summary.imported.count == (try source.runs().count))
                #expect(summary.skipped == 0)
            } catch {
                remove()
                throw error
            }
        }

        func remove() {
            try? store.close()
            database.drop()
        }
    }
#endif
