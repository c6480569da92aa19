import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct HistoryTests {
    /// The twelve runs behind the history golden files (see ``HistoryFixture``).
    static func store() throws -> (SQLiteRunStore, TemporaryDirectory) { try HistoryFixture.store() }

    @Test func stepIsFoundAtTheRunWhereTheCommitChangedAndExplained() throws {
        let (store, folder) = try Self.store()
        defer { folder.remove() }
        let filter = HistoryFilter(scenario: "concurrent", parameters: ["tasks": "8"])
        let history = HistoryBuilder().build(try store.history(filter), filter: filter)
        #expect(history.series.count == 1)
        let series = try #require(history.series.first)
        #expect(series.entries.count == 12)
        #expect(series.changes.map(\.index) == [6])
        let change = try #require(series.changes.first)
        #expect(change.run.id == 7 && change.previousRun.id == 6)
        #expect(abs(change.changePercent - 30) < 2)
        #expect(change.explanation == ["commit: aaaa1111 → bbbb2222"])
    }

    @Test func singleSlowRunIsAnOutlierNotAChangePoint() throws {
        let (store, folder) = try Self.store()
        defer { folder.remove() }
        let filter = HistoryFilter(parameters: ["tasks": "64"])
        let history = HistoryBuilder().build(try store.history(filter), filter: filter)
        #expect(history.series.first?.changes.isEmpty == true)
    }

    @Test func filtersSelectRunsByLabelLastAndDate() throws {
        let (store, folder) = try Self.store()
        defer { folder.remove() }
        #expect(try store.history(HistoryFilter(last: 3)).runs.map(\.id) == [10, 11, 12])
        #expect(try store.history(HistoryFilter(label: "weekly")).runs.isEmpty)
        let since = Date(timeIntervalSince1970: 1_790_000_000 + 10 * 86_400)
        #expect(try store.history(HistoryFilter(since: since)).runs.map(\.id) == [10, 11, 12])
    }

    /// The history of every point, as `speedlab history --out` writes it; the PostgreSQL store's
    /// tests check that the same runs, copied into PostgreSQL, render these same files.
    @Test func historyOfEveryPointMatchesGoldenFiles() throws {
        let (store, folder) = try Self.store()
        defer { folder.remove() }
        let filter = HistoryFilter()
        let files = HistoryRenderer().files(HistoryBuilder().build(try store.history(filter), filter: filter))
        try expectMatchesGolden(
            try #require(files.first { $0.name == "history.md" }).text, named: "history/history.md")
        try expectMatchesGolden(
            try #require(files.first { $0.name == "history.csv" }).text, named: "history/history.csv")
    }

    /// The HTML of a history says what its Markdown says: the same trend, change point and
    /// label, as elements, with the label escaped.
    @Test func historyHTMLIsRenderedFromTheSameContentAsItsMarkdown() throws {
        let (store, folder) = try Self.store()
        defer { folder.remove() }
        let filter = HistoryFilter(parameters: ["tasks": "8"])
        let history = HistoryBuilder().build(try store.history(filter), filter: filter)
        let html = HistoryHTML(imagePrefix: "charts/").fragment(history, charts: ["trend-1.svg"])
        #expect(html.contains("<code>▁▁▁▁▁▁██████</code>"))
        #expect(html.contains("<td>7 (nightly)</td>"))
        #expect(html.contains("<img src=\"charts/trend-1.svg\" alt=\"trend\">"))
        #expect(html.contains("<h2 id=\""))
        #expect(!html.contains("**") && !html.contains("`"))
    }

    @Test func historyRendersTrendLineCSVAndWellFormedChart() throws {
        let (store, folder) = try Self.store()
        defer { folder.remove() }
        let filter = HistoryFilter(parameters: ["tasks": "8"])
        let history = HistoryBuilder().build(try store.history(filter), filter: filter)
        let renderer = HistoryRenderer()
        let markdown = renderer.markdown(history)
        #expect(markdown.contains("Trend (12 runs, 10.04–13.04 wall ms): `▁▁▁▁▁▁██████`"))
        #expect(markdown.contains("| 7 (nightly) |"))
        let csv = renderer.csv(history)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 13)
        #expect(csv.components(separatedBy: "\r\n")[7].hasSuffix(",1"))
        let chart = try #require(renderer.charts(history).first)
        #expect(XMLParser(data: Data(chart.svg.utf8)).parse())
    }
}
