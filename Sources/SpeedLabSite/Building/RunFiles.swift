import SpeedLabCore
import SpeedLabStore

/// The runs' share of a build, gathered in run order: the files made, the manifest with the
/// groups of runs and comparisons, each run's chart names (for the parameters view), and the
/// link to each pair's comparison page (from a page one folder down).
struct RunFiles {
    private(set) var files: [SiteFile] = []
    private(set) var manifest: SiteManifest
    private(set) var charts: [RunID: [String]] = [:]
    private(set) var compareLinks: [RunPair: String] = [:]

    /// Gathers `made` (one output per share of `work`), adding to `manifest`, which holds the
    /// groups kept from the earlier build.
    init(_ work: [RunWork], made: [RunWork.Output], manifest: SiteManifest) {
        self.manifest = manifest
        for (item, output) in zip(work, made) {
            add(item, output)
        }
    }

    private mutating func add(_ item: RunWork, _ output: RunWork.Output) {
        let run = item.run
        var paths = item.keptPage ?? []
        if let page = output.page {
            files += page
            paths = page.map(\.path).sorted()
            manifest.groups[.run(run.id)] = SiteManifest.Group(fingerprint: item.fingerprint, paths: paths)
        }
        charts[run.id] = Self.chartNames(paths)
        if let base = item.base, let pair = item.pair {
            compareLinks[pair] = "../" + ComparePage.path(pair)
            if let comparison = output.comparison {
                files.append(comparison)
                manifest.groups[.comparison(pair)] = SiteManifest.Group(
                    fingerprint: RunWork.comparisonFingerprint(base: base, head: run), paths: [comparison.path])
            }
        }
    }

    /// The file names of a run page's charts (its SVG files but the timelines).
    private static func chartNames(_ paths: [String]) -> [String] {
        paths.filter { $0.hasSuffix(".svg") && !$0.contains("/timeline") }.map {
            String($0.split(separator: "/").last ?? "")
        }
    }
}
