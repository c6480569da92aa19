import Foundation
import SpeedLabCore
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@testable import SpeedLabSite

@Suite struct SiteGoldenTests {
    /// Every page and data file of the small fixture's site matches `fixtures/golden/site/`
    /// (the script and style sheet are the module's own files, so they are not copied there).
    @Test func theSiteOfTheSyntheticStoreMatchesItsGoldenFiles() throws {
        let (store, folder) = try SiteFixture.small()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("site")
        _ = try SiteWriter(folder: site).build(SiteBuilder(filter: HistoryFilter()), store: store)
        let files = try SiteBuildTests.files(in: site).filter { !$0.key.hasPrefix("assets/") && !$0.key.hasPrefix(".") }
        let golden = FixturePaths.golden.appendingPathComponent("site")
        let recorded = (try? SiteBuildTests.files(in: golden)) ?? [:]
        if ProcessInfo.processInfo.environment["SPEEDLAB_RECORD_GOLDEN"] == nil {
            #expect(Set(files.keys) == Set(recorded.keys), "the site's files differ from fixtures/golden/site")
        } else {
            try? FileManager.default.removeItem(at: golden)
        }
        for path in files.keys.sorted() {
            try expectMatchesGolden(String(decoding: files[path] ?? Data(), as: UTF8.self), named: "site/" + path)
        }
    }
}
