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

        func group(_ name: String, fingerprint: String, make: () throws -> [SiteFile]) rethrows -> [String] {
            if let old = previous?.groups[name], old.fingerprint == fingerprint, old.paths.allSatisfy(exists) {
                kept += old.paths
                manifest.groups[name] = old
                return old.paths
            }
            let made = try make()
            files += made
            let paths = made.map(\.path).sorted()
            manifest.groups[name] = SiteManifest.Group(fingerprint: fingerprint, paths: paths)
            return paths
        }

        // One pass in run order: each run's data is read at most once, for its own page and
        // for the comparisons it takes part in (its predecessor's data is still held, as the
        // newest run of its label and host).
        let pairs = ComparePage.consecutivePairs(model.runs)
        let baseOfHead = Dictionary(uniqueKeysWithValues: pairs.map { ($0.head.id, $0.base) })
        var charts: [RunID: [String]] = [:]
        var compareLinks: [String: String] = [:]
        var held: [RunID: ReportData] = [:]
        var heldOfKey: [String: RunID] = [:]
        func data(_ run: RunID) throws -> ReportData {
            if let cached = held[run] { return cached }
            let loaded = try ReportData(run: run, from: store)
            held[run] = loaded
            return loaded
        }
        for run in model.runs.sorted(by: { $0.id < $1.id }) {
            let paths = try group("run \(run.id)", fingerprint: RunPage.fingerprint(run)) {
                RunPage.files(
                    try data(run.id), mixesHosts: filter.mixesHosts, scenarioOrder: scenarioOrder,
                    scenarioSummaries: scenarioSummaries)
            }
            charts[run.id] = paths.filter { $0.hasSuffix(".svg") && !$0.contains("/timeline") }.map {
                String($0.split(separator: "/").last ?? "")
            }
            if let base = baseOfHead[run.id] {
                let path = ComparePage.path(base: base.id, head: run.id)
                compareLinks["\(base.id)-\(run.id)"] = "../" + path
                let fingerprint = RunPage.fingerprint(base) + "|" + RunPage.fingerprint(run)
                _ = try group("compare \(base.id)-\(run.id)", fingerprint: fingerprint) {
                    let comparison = ComparisonBuilder().compare(base: try data(base.id), head: try data(run.id))
                    return [SiteFile(path: path, text: ComparePage.page(comparison))]
                }
            }
            // Keep only the newest run of each label and host: the next comparison's base.
            let key = (run.label ?? "") + "\u{0}" + run.environment.host
            if let previous = heldOfKey[key] { held[previous] = nil }
            heldOfKey[key] = run.id
        }
        for series in model.series {
            files.append(
                SiteFile(path: "points/\(series.id).html", text: PointPage.page(series, compareLinks: compareLinks)))
            files.append(SiteFile(path: "data/points/\(series.id).js", text: PointPage.data(series)))
            files.append(SiteFile(path: "data/samples/\(series.id).js", text: PointPage.samples(series)))
        }
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
}
