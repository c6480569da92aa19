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

        var charts: [RunID: [String]] = [:]
        var reportData: [RunID: ReportData] = [:]
        func data(_ run: RunID) throws -> ReportData {
            if let cached = reportData[run] { return cached }
            let loaded = try ReportData(run: run, from: store)
            reportData[run] = loaded
            return loaded
        }
        for run in model.runs {
            let paths = try group("run \(run.id)", fingerprint: RunPage.fingerprint(run)) {
                RunPage.files(
                    try data(run.id), mixesHosts: filter.mixesHosts, scenarioOrder: scenarioOrder,
                    scenarioSummaries: scenarioSummaries)
            }
            charts[run.id] = paths.filter { $0.hasSuffix(".svg") && !$0.contains("/timeline") }.map {
                String($0.split(separator: "/").last ?? "")
            }
            reportData[run.id] = nil  // one run's samples in memory at a time
        }
        let pairs = ComparePage.consecutivePairs(model.runs)
        var compareLinks: [String: String] = [:]
        for (base, head) in pairs {
            let path = ComparePage.path(base: base.id, head: head.id)
            compareLinks["\(base.id)-\(head.id)"] = "../" + path
            let fingerprint = RunPage.fingerprint(base) + "|" + RunPage.fingerprint(head)
            _ = try group("compare \(base.id)-\(head.id)", fingerprint: fingerprint) {
                let comparison = ComparisonBuilder().compare(base: try data(base.id), head: try data(head.id))
                reportData[base.id] = nil
                return [SiteFile(path: path, text: ComparePage.page(comparison, mixesHosts: filter.mixesHosts))]
            }
            reportData[base.id] = nil
        }
        reportData = [:]
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
