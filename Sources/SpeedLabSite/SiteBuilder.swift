import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// Makes the files of a static site of a store: the overview, a page per point, the
/// parameters view, a page per run, comparisons of consecutive runs, the change points and
/// their Atom feed, the data files the pages' script reads, and the script and style sheet.
/// The same store gives the same bytes; given the manifest of an earlier build, the files of
/// runs and comparisons whose runs did not change are kept rather than made again.
public struct SiteBuilder: Sendable {
    /// Which runs the site covers and whether a point's series mixes hosts.
    public var filter: HistoryFilter
    /// The report's scenario order and one-line summaries (from the scenario registry).
    public var scenarioOrder: [String]
    public var scenarioSummaries: [String: String]

    public init(filter: HistoryFilter, scenarioOrder: [String] = [], scenarioSummaries: [String: String] = [:]) {
        self.filter = filter
        self.scenarioOrder = scenarioOrder
        self.scenarioSummaries = scenarioSummaries
    }

    /// What a build makes: the files to write, the paths kept from the earlier build, and the
    /// new manifest.
    public struct Plan: Sendable {
        public var files: [SiteFile]
        public var kept: [String]
        var manifest: SiteManifest
        public var runCount: Int
        public var pointCount: Int
        public var changePointCount: Int
    }

    func plan(_ store: any RunDatabase, previous: SiteManifest?, exists: (String) -> Bool) throws -> Plan {
        let model = try SiteModel.load(from: store, filter: filter)
        var files: [SiteFile] = []
        var kept: [String] = []
        var manifest = SiteManifest()

        // First, in run order, which groups of files the earlier build left as they are.
        func keptPaths(_ name: String, fingerprint: String) -> [String]? {
            guard let old = previous?.groups[name], old.fingerprint == fingerprint, old.paths.allSatisfy(exists)
            else { return nil }
            kept += old.paths
            manifest.groups[name] = old
            return old.paths
        }
        let pairs = ComparePage.consecutivePairs(model.runs)
        let baseOfHead = Dictionary(uniqueKeysWithValues: pairs.map { ($0.head.id, $0.base) })
        let work = model.runs.sorted(by: { $0.id < $1.id }).map { run in
            let base = baseOfHead[run.id]
            return RunWork(
                run: run, base: base, fingerprint: RunPage.fingerprint(run),
                keptPage: keptPaths("run \(run.id)", fingerprint: RunPage.fingerprint(run)),
                keptComparison: base.flatMap {
                    keptPaths(
                        "compare \($0.id)-\(run.id)",
                        fingerprint: RunPage.fingerprint($0) + "|" + RunPage.fingerprint(run))
                })
        }

        // Then the rest, on every core, in chunks of consecutive runs.
        let builder = self
        let made = try ConcurrentMap.map(ConcurrentMap.chunks(work, minimum: 8)) { chunk in
            try builder.make(chunk, from: store)
        }.flatMap { $0 }

        var charts: [RunID: [String]] = [:]
        var compareLinks: [String: String] = [:]
        for (item, output) in zip(work, made) {
            let run = item.run
            var paths = item.keptPage ?? []
            if let page = output.page {
                files += page
                paths = page.map(\.path).sorted()
                manifest.groups["run \(run.id)"] = SiteManifest.Group(fingerprint: item.fingerprint, paths: paths)
            }
            charts[run.id] = paths.filter { $0.hasSuffix(".svg") && !$0.contains("/timeline") }.map {
                String($0.split(separator: "/").last ?? "")
            }
            if let base = item.base {
                compareLinks["\(base.id)-\(run.id)"] = "../" + ComparePage.path(base: base.id, head: run.id)
                if let comparison = output.comparison {
                    files.append(comparison)
                    manifest.groups["compare \(base.id)-\(run.id)"] = SiteManifest.Group(
                        fingerprint: RunPage.fingerprint(base) + "|" + item.fingerprint, paths: [comparison.path])
                }
            }
        }
        let links = compareLinks
        files += ConcurrentMap.map(model.series) { series in
            [
                SiteFile(path: "points/\(series.id).html", text: PointPage.page(series, compareLinks: links)),
                SiteFile(path: "data/points/\(series.id).js", text: PointPage.data(series)),
                SiteFile(path: "data/samples/\(series.id).js", text: PointPage.samples(series)),
            ]
        }.flatMap { $0 }
        let rootLinks = compareLinks.mapValues { String($0.dropFirst(3)) }
        files += [
            SiteFile(path: "index.html", text: OverviewPage.page(model)),
            SiteFile(path: "data/overview.js", text: OverviewPage.data(model)),
            SiteFile(path: "data/runs.js", text: ComparePage.runsData(model)),
            SiteFile(path: "compare.html", text: ComparePage.picker(model, pairs: pairs)),
            SiteFile(path: "parameters.html", text: ParametersPage.page(model, charts: charts)),
            SiteFile(path: "changes.html", text: ChangesPage.page(model, compareLinks: rootLinks)),
            SiteFile(path: "changes.atom", text: ChangesPage.atom(model)),
            SiteFile(path: "assets/site.js", text: SiteAssets.script),
            SiteFile(path: "assets/site.css", text: SiteAssets.styleSheet),
        ]
        let grouped = Set(manifest.groups.values.flatMap(\.paths))
        manifest.paths = files.map(\.path).filter { !grouped.contains($0) }
        return Plan(
            files: files, kept: kept, manifest: manifest, runCount: model.runs.count, pointCount: model.series.count,
            changePointCount: model.changes.count)
    }

    /// The files of a chunk of consecutive runs that the earlier build did not leave: each run's
    /// data is read at most once, for its own page and for the comparisons it takes part in (its
    /// predecessor's data is still held, as the newest run of its label and host, unless the
    /// predecessor is in an earlier chunk).
    private func make(_ chunk: ArraySlice<RunWork>, from store: any RunDatabase) throws -> [RunWork.Output] {
        var held: [RunID: ReportData] = [:]
        func data(_ run: RunID) throws -> ReportData {
            if let cached = held[run] { return cached }
            let loaded = try ReportData(run: run, from: store)
            held[run] = loaded
            return loaded
        }
        var outputs: [RunWork.Output] = []
        for item in chunk {
            var output = RunWork.Output()
            if item.keptPage == nil {
                output.page = RunPage.files(
                    try data(item.run.id), mixesHosts: filter.mixesHosts, scenarioOrder: scenarioOrder,
                    scenarioSummaries: scenarioSummaries)
            }
            if let base = item.base, item.keptComparison == nil {
                let comparison = ComparisonBuilder().compare(base: try data(base.id), head: try data(item.run.id))
                output.comparison = SiteFile(
                    path: ComparePage.path(base: base.id, head: item.run.id), text: ComparePage.page(comparison))
            }
            // Hold only the newest run of each label and host: the next comparison's base. A
            // run's base has its label and host, so once the run is made the base can go.
            if let base = item.base { held[base.id] = nil }
            outputs.append(output)
        }
        return outputs
    }
}
