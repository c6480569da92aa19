import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// `runs/ID.html` with its charts and timelines under `runs/ID/`, and `data/runs/ID.js`: a
/// run's report as HTML (headline, environment, warnings, tables, charts, timelines), each
/// table row linked to its point's page; the data file holds every point's samples, which the
/// browser's comparison and the parameters view read.
enum RunPage {
    static func files(
        _ data: ReportData, mixesHosts: Bool, scenarioOrder: [String], scenarioSummaries: [String: String]
    ) -> [SiteFile] {
        let report = ReportFiles.make(
            data, formats: [.svg], scenarioOrder: scenarioOrder, scenarioSummaries: scenarioSummaries)
        let run = data.run
        let host = mixesHosts ? nil : run.environment.host
        var files = report.files.filter { $0.name != "report.md" }.map {
            SiteFile(path: "runs/\(run.id)/\($0.name)", text: $0.text)
        }
        let html = report.html(imagePrefix: "\(run.id)/") { key in
            "../points/\(SiteID.series(key, host: host)).html"
        }
        var main = ""
        if run.environment.isDebugBuild {
            main += "<p class=\"warning\">Measured by a debug build: these timings mislead.</p>\n"
        }
        main += html
        main += "<h2>Sweep file</h2>\n<pre>\(HTMLText.block(run.sweepYAML))</pre>\n"
        let title = "Run \(run.id)" + (run.label.map { " (\($0))" } ?? "")
        files.append(
            SiteFile(
                path: "runs/\(run.id).html",
                text: PageLayout(kind: .run, title: title, root: "../", attributes: [("run", String(run.id))]).page(
                    main)
            ))
        files.append(SiteFile(path: "data/runs/\(run.id).js", text: self.data(data, host: host)))
        return files
    }

    static func data(_ data: ReportData, host: String?) -> String {
        let timings = PointTimings.grouped(data.samples)
        let keys = Dictionary(uniqueKeysWithValues: data.points.map { ($0.id, $0.key) })
        let points = data.points.map { point -> JSONValue in
            let parameters = point.parameters.names.map { name in
                (name, JSONValue.string(HumanFormat.singleLine(point.parameters[name]?.canonicalText ?? "")))
            }
            return .object([
                ("key", .string(SiteID.pointMatchKey(point.key))), ("scenario", .string(point.scenario)),
                ("title", .string(HumanFormat.singleLine(point.key.description))),
                ("parameters", .object(parameters)), ("series", .string(SiteID.series(point.key, host: host))),
                ("baseline", .optional(point.baselinePointID.flatMap { keys[$0] }.map(SiteID.pointMatchKey))),
                ("ideal", .optional(point.idealNanos.map(Double.init))),
                ("status", .string(point.status.rawValue)),
                ("samples", .array((timings[point.id]?.wallNanos ?? []).map(JSONValue.number))),
            ])
        }
        let run = data.run
        return SiteData.script(
            "run-\(run.id)",
            .object([
                ("id", .integer(run.id)), ("label", .optional(run.label.map(HumanFormat.singleLine))),
                ("when", .string(HumanFormat.timestamp(run.startedAt))), ("points", .array(points)),
            ]))
    }

    /// What the run's files are made from: a rebuild keeps them while it is unchanged.
    static func fingerprint(_ run: StoredRun) -> String {
        [
            "v1", String(run.id), run.status.rawValue, String(run.pointCount), String(run.sampleCount),
            String(run.startedAt.timeIntervalSince1970), run.finishedAt.map { String($0.timeIntervalSince1970) } ?? "-",
            SiteID.text(run.label ?? "\u{0}"), SiteID.text(run.sweepYAML), SpeedLabVersion.current,
        ].joined(separator: ":")
    }
}
