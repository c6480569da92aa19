import Foundation
import SpeedLabCore
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@testable import SpeedLabSite

@Suite struct SiteBuildTests {
    static func build(_ store: RunStore, into folder: URL, filter: HistoryFilter = HistoryFilter()) throws
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
}
