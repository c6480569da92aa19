import Foundation
import SpeedLabCore
import SpeedLabSite
import SpeedLabStore
import SpeedLabTestSupport

/// Times `speedlab site` over a synthetic store of `runs` runs × `points` points (5 samples
/// each): the first build into an empty folder, a build over the same store (nothing
/// changed), and a build after one more run; prints the site's size. With `keep`, leaves the
/// store and the site in place (for the browser timing of scripts/bench-site.sh).
struct SiteBenchmark {
    var runs: Int
    var points: Int
    var folder: String
    var keep: Bool

    func execute() throws {
        let manager = FileManager.default
        try? manager.removeItem(atPath: folder)
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let storePath = folder + "/store.sqlite"
        let site = URL(fileURLWithPath: folder + "/site")
        let clock = ContinuousClock()
        var start = clock.now
        let store = try SiteFixture.large(runs: runs, points: points, path: storePath)
        print("store: \(runs) runs × \(points) points made in \(seconds(clock.now - start)) s")
        let builder = SiteBuilder(filter: HistoryFilter())
        let writer = SiteWriter(folder: site)
        start = clock.now
        let first = try writer.build(builder, store: store)
        print(
            "first build: \(seconds(clock.now - start)) s, \(first.written) files, \(first.points) points, "
                + "\(first.changePoints) change points, \(megabytes(site)) MB")
        start = clock.now
        let again = try writer.build(builder, store: store)
        print("same store again: \(seconds(clock.now - start)) s, \(again.written) files written")
        try SiteFixture.append(to: store, runs: (runs + 1)...(runs + 1), points: points, total: runs)
        start = clock.now
        let grown = try writer.build(builder, store: store)
        print(
            "after one more run: \(seconds(clock.now - start)) s, \(grown.written) files written, \(grown.kept) kept")
        if !keep { try? manager.removeItem(atPath: folder) }
    }

    private func seconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds))
    }

    private func megabytes(_ url: URL) -> String {
        var total = 0
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey])
        while let file = enumerator?.nextObject() as? URL {
            total += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return String(format: "%.1f", Double(total) / 1e6)
    }
}
