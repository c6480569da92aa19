import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// `points/ID.html`, `data/points/ID.js` and `data/samples/ID.js`: one point's history. The
/// page holds the chart as SVG and its data as a table; the script redraws the chart by run
/// order or date, in log scale, zoomed to a brushed range, with the samples on demand and a
/// tooltip naming each run's id, label, date, commit and host.
enum PointPage {
    static func page(_ series: SiteSeries, compareLinks: [RunPair: String]) -> String {
        var main = "<p class=\"lead\">\(HTMLText.text(series.host.map { "Host \($0)" } ?? "All hosts")), "
        main +=
            "\(series.entries.count) runs, \(series.changes.count) change point\(series.changes.count == 1 ? "" : "s"). "
        main += "Wall time medians with their distribution-free 95% confidence intervals.</p>\n"
        if series.entries.contains(where: { $0.run.environment.isDebugBuild }) {
            main += "<p class=\"warning\">Runs marked debug were measured by a debug build.</p>\n"
        }
        main += """
            <div class="controls" hidden>
            <label>x <select id="x-axis"><option value="order">run order</option><option value="date">date</option></select></label>
            <label><input type="checkbox" id="log-y"> log y</label>
            <label><input type="checkbox" id="show-samples"> samples</label>
            <button type="button" id="reset-zoom">reset zoom</button>
            <span class="hint">drag across the chart to zoom</span>
            </div>
            <figure class="chart-box" id="series-chart">
            \(SeriesChart.svg(series))</figure>
            <div id="tooltip" class="tooltip" hidden></div>

            """
        main += "<h2>Change points</h2>\n"
        if series.changes.isEmpty {
            main += "<p>No change point: every run is on one level (E-divisive means, permutation test).</p>\n"
        } else {
            main +=
                "<div class=\"table\"><table id=\"changes\"><thead><tr><th>run</th><th>previous run</th><th>shift</th><th>mean before ms</th><th>mean after ms</th><th>p</th><th>q</th><th>what changed</th><th>compare</th></tr></thead><tbody>\n"
            for change in series.changes {
                let c = change.change
                let href =
                    compareLinks[RunPair(base: c.previousRun.id, head: c.run.id)]
                    ?? "../compare.html#base=\(c.previousRun.id)&head=\(c.run.id)"
                main += "<tr><td><a href=\"../runs/\(c.run.id).html\">\(c.run.id)</a></td>"
                main += "<td><a href=\"../runs/\(c.previousRun.id).html\">\(c.previousRun.id)</a></td>"
                main +=
                    "<td class=\"\(OverviewPage.changeClass(change.shift))\">\(HumanFormat.percentChange(change.shift))</td>"
                main += "<td class=\"num\">\(HumanFormat.milliseconds(c.meanBefore))</td>"
                main += "<td class=\"num\">\(HumanFormat.milliseconds(c.meanAfter))</td>"
                main += "<td class=\"num\">\(HumanFormat.fixed(c.pValue, 3))</td>"
                main += "<td class=\"num\">\(HumanFormat.fixed(change.qValue, 3))</td>"
                main += "<td>\(c.explanation.map(HTMLText.text).joined(separator: "<br>"))</td>"
                main += "<td><a href=\"\(HTMLText.attribute(href))\">\(c.previousRun.id) → \(c.run.id)</a></td></tr>\n"
            }
            main += "</tbody></table></div>\n"
        }
        main += "<h2>Runs</h2>\n<div class=\"table\"><table id=\"entries\"><thead><tr>"
        main +=
            "<th>run</th><th>label</th><th>started (UTC)</th><th>commit</th><th>host</th><th>build</th><th>n</th><th>median ms</th><th>95% CI ms</th></tr></thead><tbody>\n"
        for entry in series.entries {
            let run = entry.run
            main += "<tr><td><a href=\"../runs/\(run.id).html\">\(run.id)</a></td>"
            main += "<td>\(HTMLText.text(run.label ?? "-"))</td><td>\(entry.when)</td>"
            main += "<td><code>\(HTMLText.text(run.environment.gitCommit ?? "-"))</code></td>"
            main += "<td>\(HTMLText.text(run.environment.host))</td>"
            main += "<td>\(HTMLText.text(run.environment.buildConfiguration))</td>"
            main += "<td class=\"num\">\(entry.samples.count)</td>"
            main += "<td class=\"num\">\(HumanFormat.milliseconds(entry.median))</td>"
            main +=
                "<td class=\"num\">[\(HumanFormat.milliseconds(entry.lower)), \(HumanFormat.milliseconds(entry.upper))]</td></tr>\n"
        }
        main += "</tbody></table></div>\n"
        return PageLayout(
            kind: .point, title: series.title, root: "../", data: ["data/points/\(series.id).js"],
            attributes: [("point", series.id)]
        ).page(main)
    }

    static func data(_ series: SiteSeries) -> String {
        let entries = series.entries.map { entry -> JSONValue in
            let run = entry.run
            return .object([
                ("run", .integer(run.id)), ("label", .optional(run.label.map(HumanFormat.singleLine))),
                ("date", .number(run.startedAt.timeIntervalSince1970.rounded())),
                ("when", .string(entry.when)),
                ("commit", .optional(run.environment.gitCommit.map(HumanFormat.singleLine))),
                ("host", .string(HumanFormat.singleLine(run.environment.host))),
                ("debug", .bool(run.environment.isDebugBuild)),
                ("n", .integer(Int64(entry.samples.count))), ("median", .number(entry.median)),
                ("lower", .number(entry.lower)), ("upper", .number(entry.upper)),
            ])
        }
        let changes = series.changes.map { change -> JSONValue in
            .object([
                ("index", .integer(Int64(change.change.index))), ("run", .integer(change.change.run.id)),
                ("previous", .integer(change.change.previousRun.id)), ("shift", .optional(change.shift)),
                ("before", .number(change.change.meanBefore)), ("after", .number(change.change.meanAfter)),
                ("p", .number(change.change.pValue)), ("q", .number(change.qValue)),
            ])
        }
        return SiteData.script(
            "point",
            .object([
                ("id", .string(series.id)), ("title", .string(HumanFormat.singleLine(series.title))),
                ("entries", .array(entries)), ("changes", .array(changes)),
            ]))
    }

    static func samples(_ series: SiteSeries) -> String {
        SiteData.script(
            "samples-\(series.id)",
            .array(series.entries.map { .array($0.samples.map(JSONValue.number)) }))
    }
}
