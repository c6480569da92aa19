import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore
import SpeedLabTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct HistoryTests {
    /// Twelve runs of two points: `tasks=8` steps from 10 ms to 13 ms at run 7 (where the
    /// commit changes); `tasks=64` stays at 20 ms but for one slow run (run 4).
    static func store() throws -> (RunStore, TemporaryDirectory) {
        let folder = try TemporaryDirectory()
        let store = try RunStore(path: folder.path("history.sqlite"))
        for index in 1...12 {
            var run = SampleFactory.newRun(label: "nightly")
            run.environment.gitCommit = index < 7 ? "aaaa1111" : "bbbb2222"
            let id = try store.createRun(
                run, startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 86_400))
            let points = [8, 64].enumerated().map { ordinal, tasks in
                NewPoint(
                    ordinal: ordinal, scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(tasks)]),
                    baselineOrdinal: nil)
            }
            let ids = try store.registerPoints(points, run: id)
            var samples: [PointSample] = []
            for repetition in 0..<5 {
                let jitter = Double((index * 7 + repetition * 3) % 5) * 0.02
                let step = (index < 7 ? 10.0 : 13.0) + jitter
                let flat = (index == 4 ? 30.0 : 20.0) + jitter
                samples.append(
                    PointSample(
                        pointID: ids[points[0].key] ?? 0,
                        sample: SampleFactory.sample(repetition: repetition, wallMillis: step)))
                samples.append(
                    PointSample(
                        pointID: ids[points[1].key] ?? 0,
                        sample: SampleFactory.sample(repetition: repetition, wallMillis: flat)))
            }
            try store.record(samples)
            try store.setStatus(.completed, ofRun: id)
        }
        return (store, folder)
    }

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
