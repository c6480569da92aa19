import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@testable import SpeedLabSite

/// The site in a real browser: headless Chromium opens the pages from `file://`.
@Suite(.serialized) struct SiteBrowserTests {
    let store: SQLiteRunStore
    let folder: TemporaryDirectory
    let site: URL

    init() throws {
        (store, folder) = try SiteFixture.small()
        site = folder.url.appendingPathComponent("site")
        _ = try SiteWriter(folder: site).build(SiteBuilder(filter: HistoryFilter()), store: store)
    }

    func browser() throws -> HeadlessChromium? {
        guard let chromium = HeadlessChromium.installed else {
            if HeadlessChromium.required { Issue.record("chromium is not installed (apt-get install chromium)") }
            return nil
        }
        return chromium
    }

    func url(_ page: String) -> String { "file://" + site.path + "/" + page }

    func seriesID(_ scenario: String, _ parameters: [String: ParameterValue], host: String) -> String {
        SiteID.series(PointKey(scenario: scenario, parameters: ParameterPoint(parameters)), host: host)
    }

    @Test func everyKindOfPageLoadsWithoutAConsoleMessage() async throws {
        defer { folder.remove() }
        guard let chromium = try browser() else { return }
        let point = seriesID("concurrent", ["concurrency": .integer(16), "tasks": .integer(16)], host: "bench-a")
        let pages = [
            "index.html", "points/\(point).html#log=1&x=date&samples=1", "runs/14.html", "runs/7.html",
            "compare/5-6.html", "compare.html#base=3&head=12", "parameters.html#run=10&overlay=13",
            "parameters.html#run=14", "changes.html",
        ]
        for page in pages {
            let opened = try await chromium.open(url(page))
            #expect(opened.console.isEmpty, "\(page): \(opened.console)")
            #expect(opened.dom.contains("data-ready="), "\(page) never finished its script")
        }
    }

    @Test func theOverviewListsEveryPointOfTheStore() async throws {
        defer { folder.remove() }
        guard let chromium = try browser() else { return }
        let opened = try await chromium.open(url("index.html"))
        #expect(opened.dom.attribute("data-rows", ofElementWithID: "overview") == "7")
        for host in ["bench-a", "bench-b"] {
            for parameters: [String: ParameterValue] in [
                ["concurrency": .integer(4), "tasks": .integer(16)],
                ["concurrency": .integer(16), "tasks": .integer(16)],
            ] {
                #expect(opened.dom.contains("id=\"p-\(seriesID("concurrent", parameters, host: host))\""))
            }
        }
        let filtered = try await chromium.open(url("index.html#filter=bench-b%20concurrency%3D16"))
        #expect(filtered.dom.attribute("data-rows", ofElementWithID: "overview") == "1")
    }

    @Test func aPointPageShowsItsRunsAndChangePoints() async throws {
        defer { folder.remove() }
        guard let chromium = try browser() else { return }
        let stepped = seriesID("concurrent", ["concurrency": .integer(16), "tasks": .integer(16)], host: "bench-a")
        let opened = try await chromium.open(url("points/\(stepped).html"))
        #expect(opened.dom.attribute("data-runs", ofElementWithID: "series-chart") == "10")
        #expect(opened.dom.attribute("data-changes", ofElementWithID: "series-chart") == "1")
        let flat = seriesID("sequential", ["tasks": .integer(16)], host: "bench-b")
        let other = try await chromium.open(url("points/\(flat).html"))
        #expect(other.dom.attribute("data-runs", ofElementWithID: "series-chart") == "3")
        #expect(other.dom.attribute("data-changes", ofElementWithID: "series-chart") == "0")
    }

    /// The browser's comparison of two runs gives `speedlab compare`'s CSV figures to 1e-9:
    /// medians, ratio, Mann-Whitney p, Benjamini-Hochberg q, Hodges-Lehmann shift, verdict.
    @Test(arguments: [(5, 6), (1, 10), (3, 12), (6, 14)])
    func theBrowsersComparisonEqualsSpeedlabCompare(base: Int, head: Int) async throws {
        defer { folder.remove() }
        guard let chromium = try browser() else { return }
        let comparison = ComparisonBuilder().compare(
            base: try ReportData(run: RunID(base), from: store), head: try ReportData(run: RunID(head), from: store))
        let csv = ComparisonRenderer().csv(comparison).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(csv.first)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let opened = try await chromium.open(url("compare.html#base=\(base)&head=\(head)"))
        #expect(opened.console.isEmpty, "\(opened.console)")
        #expect(opened.dom.attribute("data-compared", ofElementWithID: "browser-compare") == String(csv.count - 1))
        let rows = opened.dom.components(separatedBy: "<tr data-key=").dropFirst()
        #expect(rows.count == comparison.points.count)
        for (index, point) in comparison.points.enumerated() {
            let line = csv[index + 1]
            let row = try #require(
                rows.first { $0.contains("data-ratio") && Self.key($0) == SiteID.pointMatchKey(point.point) })
            for (attribute, name) in [
                ("data-base-median", "base_median_ns"), ("data-head-median", "head_median_ns"), ("data-ratio", "ratio"),
                ("data-p", "p_value"), ("data-q", "p_adjusted"), ("data-shift", "hl_shift_ns"),
            ] {
                let browser = try #require(Double(Self.value(attribute, in: row)))
                let swift = try #require(Double(line[try column(name)]))
                #expect(abs(browser - swift) <= 1e-9 * max(1, abs(swift)), "\(attribute): \(browser) vs \(swift)")
            }
            #expect(Self.value("data-verdict", in: row) == line[try column("verdict")])
        }
    }

    static func key(_ row: String) -> String {
        let quoted = row.dropFirst().prefix { $0 != "\"" }
        return String(quoted).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
            of: "&amp;", with: "&"
        )
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "\\u0000", with: "\u{0}")
    }

    static func value(_ attribute: String, in row: String) -> String {
        guard let range = row.range(of: " \(attribute)=\"") else { return "" }
        return String(row[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func hostileLabelsAndValuesStayTextInTheBrowser() async throws {
        defer { folder.remove() }
        guard let chromium = try browser() else { return }
        for page in ["index.html", "runs/14.html", "compare.html#base=13&head=14", "parameters.html#run=14"] {
            let opened = try await chromium.open(url(page))
            #expect(opened.console.isEmpty, "\(page): \(opened.console)")
            #expect(!opened.dom.contains("<img src=\"x\""), "\(page) made an element of a value")
            #expect(!opened.dom.contains("<script>alert"), "\(page) made a script of a label")
            #expect(!opened.dom.contains("\u{1B}"), "\(page) kept an escape sequence")
        }
    }
}
