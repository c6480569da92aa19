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

    /// What a build of `store` makes, keeping the groups of files `previous` lists whose source
    /// did not change and whose files still exist.
    func plan(_ store: any RunDatabase, previous: SiteManifest?, exists: (String) -> Bool) throws -> Plan {
        let model = try SiteModel.load(from: store, filter: filter)
        let pairs = ComparePage.consecutivePairs(model.runs)
        var kept = KeptGroups()
        let work = runWork(model.runs, pairs: pairs, previous: previous, exists: exists, kept: &kept)
        let runs = RunFiles(work, made: try makeRunFiles(work, from: store), manifest: kept.manifest)
        let files =
            runs.files + pointFiles(model.series, compareLinks: runs.compareLinks)
            + pageFiles(model, pairs: pairs, runs: runs)
        var manifest = runs.manifest
        manifest.recordUngroupedPaths(of: files)
        return Plan(
            files: files, kept: kept.paths, manifest: manifest, runCount: model.runs.count,
            pointCount: model.series.count, changePointCount: model.changes.count)
    }

    /// Each run's share of the build, in run order, with the groups of its files (its page,
    /// its comparison with its base) that the earlier build left as they are.
    private func runWork(
        _ runs: [StoredRun], pairs: [(base: StoredRun, head: StoredRun)], previous: SiteManifest?,
        exists: (String) -> Bool, kept: inout KeptGroups
    ) -> [RunWork] {
        let baseOfHead = Dictionary(uniqueKeysWithValues: pairs.map { ($0.head.id, $0.base) })
        return runs.sorted(by: { $0.id < $1.id }).map { run in
            var item = RunWork(run: run, base: baseOfHead[run.id], fingerprint: RunPage.fingerprint(run))
            item.keptPage = kept.keep(.run(run.id), fingerprint: item.fingerprint, from: previous, exists: exists)
            if let base = item.base, let pair = item.pair {
                item.keptComparison = kept.keep(
                    .comparison(pair), fingerprint: RunWork.comparisonFingerprint(base: base, head: run),
                    from: previous, exists: exists)
            }
            return item
        }
    }

    /// The files of every run's share that the earlier build did not leave, made on every
    /// core in chunks of consecutive runs; one output per share, in order.
    private func makeRunFiles(_ work: [RunWork], from store: any RunDatabase) throws -> [RunWork.Output] {
        let builder = self
        return try ConcurrentMap.map(ConcurrentMap.chunks(work, minimum: 8)) { chunk in
            try builder.make(chunk, from: store)
        }.flatMap { $0 }
    }

    /// Every point's page and its two data files.
    private func pointFiles(_ series: [SiteSeries], compareLinks: [RunPair: String]) -> [SiteFile] {
        ConcurrentMap.map(series) { series in
            [
                SiteFile(path: "points/\(series.id).html", text: PointPage.page(series, compareLinks: compareLinks)),
                SiteFile(path: "data/points/\(series.id).js", text: PointPage.data(series)),
                SiteFile(path: "data/samples/\(series.id).js", text: PointPage.samples(series)),
            ]
        }.flatMap { $0 }
    }

    /// The pages at the site's root, their data files, and the script and style sheet.
    private func pageFiles(_ model: SiteModel, pairs: [(base: StoredRun, head: StoredRun)], runs: RunFiles)
        -> [SiteFile]
    {
        let rootLinks = runs.compareLinks.mapValues { String($0.dropFirst(3)) }
        return [
            SiteFile(path: "index.html", text: OverviewPage.page(model)),
            SiteFile(path: "data/overview.js", text: OverviewPage.data(model)),
            SiteFile(path: "data/runs.js", text: ComparePage.runsData(model)),
            SiteFile(path: "compare.html", text: ComparePage.picker(model, pairs: pairs)),
            SiteFile(path: "parameters.html", text: ParametersPage.page(model, charts: runs.charts)),
            SiteFile(path: "changes.html", text: ChangesPage.page(model, compareLinks: rootLinks)),
            SiteFile(path: "changes.atom", text: ChangesPage.atom(model)),
            SiteFile(path: "assets/site.js", text: SiteAssets.script),
            SiteFile(path: "assets/site.css", text: SiteAssets.styleSheet),
        ]
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
            if let base = item.base, let pair = item.pair, item.keptComparison == nil {
                let comparison = ComparisonBuilder().compare(base: try data(base.id), head: try data(item.run.id))
                output.comparison = SiteFile(path: ComparePage.path(pair), text: ComparePage.page(comparison))
            }
            // Hold only the newest run of each label and host: the next comparison's base. A
            // run's base has its label and host, so once the run is made the base can go.
            if let base = item.base { held[base.id] = nil }
            outputs.append(output)
        }
        return outputs
    }
}
