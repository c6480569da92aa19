import Foundation
import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStatistics
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@testable import SpeedLabSite

@Suite struct SiteBuildTests {
    static func build(_ store: SQLiteRunStore, into folder: URL, filter: HistoryFilter = HistoryFilter()) throws
        -> SiteWriter.Summary
    {
        try SiteWriter(folder: folder).build(SiteBuilder(filter: filter), store: store)
    }

    @Test func aBuildWritesEveryPageAndTheSameStoreGivesTheSameBytes() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let first = folder.url.appendingPathComponent("first")
        let second = folder.url.appendingPathComponent("second")
        let summary = try Self.build(store, into: first)
        _ = try Self.build(store, into: second)
        #expect(summary.runs == 14)
        #expect(summary.points == 3 * 2 + 1)  // three points on each host, and the hostile one
        #expect(summary.changePoints >= 1)
        let files = try Self.files(in: first)
        #expect(files == (try Self.files(in: second)))
        for page in ["index.html", "parameters.html", "compare.html", "changes.html", "changes.atom", "runs/1.html"] {
            #expect(files[page] != nil, "\(page) missing")
        }
        #expect(files.keys.contains { $0.hasPrefix("compare/") && $0.hasSuffix(".html") })
    }

    @Test func aRebuildAfterOneMoreRunRewritesOnlyWhatChangedAndEqualsAFreshBuild() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let grown = folder.url.appendingPathComponent("grown")
        let first = try Self.build(store, into: grown)
        let unchanged = try Self.build(store, into: grown)
        #expect(unchanged.written == 0)
        #expect(unchanged.kept > 0)
        try SiteFixture.addRun(
            to: store, index: 15, host: "bench-b", commit: "aaaa1111", label: "nightly",
            points: SiteFixture.standardPoints { _ in nil })
        let after = try Self.build(store, into: grown)
        #expect(after.runs == 15)
        #expect(after.written > 0 && after.written < first.written / 2, "\(after.written) of \(first.written)")
        #expect(after.kept >= first.runs * 2, "earlier runs' pages are kept, not made again")
        let fresh = folder.url.appendingPathComponent("fresh")
        _ = try Self.build(store, into: fresh)
        #expect(try Self.files(in: grown) == (try Self.files(in: fresh)))
        #expect(FileManager.default.fileExists(atPath: grown.appendingPathComponent("compare/12-13.html").path))
        #expect(FileManager.default.fileExists(atPath: grown.appendingPathComponent("compare/13-15.html").path))
    }

    @Test func filesOfRunsNoLongerCoveredAreRemoved() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("site")
        _ = try Self.build(store, into: site)
        let summary = try Self.build(store, into: site, filter: HistoryFilter(host: "bench-b"))
        #expect(summary.runs == 3)
        #expect(summary.removed > 0)
        let files = try Self.files(in: site)
        #expect(files["runs/1.html"] == nil)
        #expect(files["runs/11.html"] != nil)
    }

    @Test func aFolderHoldingSomethingElseIsRefusedAndLeftAlone() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let other = folder.url.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.appendingPathComponent("notes.txt"))
        #expect(throws: SiteWriter.WriteError.self) { try Self.build(store, into: other) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path) == ["notes.txt"])
    }

    @Test func everyPageSetsTheContentSecurityPolicyAndEscapesStoreText() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("site")
        _ = try Self.build(store, into: site)
        let pages = try Self.files(in: site).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 20)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(
                html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'"),
                "\(path)")
            #expect(!html.contains("<script>"), "\(path) has an inline script")
            #expect(!html.contains(" style=\""), "\(path) has an inline style")
            #expect(!html.contains("<img src=x"), "\(path) let a value become an element")
            #expect(!html.contains("\u{1B}"), "\(path) kept an escape sequence")
            #expect(!html.contains("javascript:"), "\(path)")
        }
        let overview = String(decoding: pages["index.html"] ?? Data(), as: UTF8.self)
        #expect(overview.contains("note=&lt;img src=x onerror=alert(1)&gt;&amp;amp;&quot;&#39;"))
        for (path, data) in try Self.files(in: site) where path.hasSuffix(".js") && path.hasPrefix("data/") {
            let script = String(decoding: data, as: UTF8.self)
            #expect(!script.contains("<"), "\(path) holds a raw '<' that could close a script element")
        }
    }

    @Test func pagesReadWithoutJavaScript() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("site")
        _ = try Self.build(store, into: site)
        let id = SiteID.series(
            PointKey(
                scenario: "concurrent",
                parameters: ParameterPoint(["concurrency": .integer(16), "tasks": .integer(16)])),
            host: "bench-a")
        let page = String(
            decoding: try Data(contentsOf: site.appendingPathComponent("points/\(id).html")), as: UTF8.self)
        #expect(page.contains("<svg class=\"chart\""))
        #expect(page.components(separatedBy: "<tr><td><a href=\"../runs/").count - 1 == 10 + 1)  // runs, and the change
        #expect(page.contains("+30.0%"))
        let run = String(decoding: try Data(contentsOf: site.appendingPathComponent("runs/7.html")), as: UTF8.self)
        #expect(run.contains("<img src=\"7/concurrent-concurrency.svg\""))
        #expect(run.contains("href=\"../points/\(id).html\""))
        #expect(
            FileManager.default.fileExists(
                atPath: site.appendingPathComponent("runs/7/concurrent-concurrency.svg").path))
    }

    /// Every file under `folder` by relative path, with its bytes.
    static func files(in folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let full = base + "/" + path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            out[path] = try Data(contentsOf: URL(fileURLWithPath: full))
        }
        return out
    }

    /// The Markdown reader's byte-level shortcuts (lines split at line feeds, cells split at
    /// bars, a verdict told by a cell's first letter) read every text as the Character-by-
    /// Character reading does: escaped bars, combining marks after a bar, carriage returns,
    /// entities, markup and non-ASCII white space included.
}
