import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// `index.html` and `data/overview.js`: every point of the store in one table, with the
/// sparkline of its history, its latest median, the change against the run before, and its
/// last change point. The script adds sorting, filtering and drawing only the visible rows.
enum OverviewPage {
    static func page(_ model: SiteModel) -> String {
        var main = "<p class=\"lead\">\(model.series.count) points across \(model.runs.count) completed runs"
        main += hostsText(model) + ".</p>\n"
        if model.runs.contains(where: { $0.environment.isDebugBuild }) {
            main +=
                "<p class=\"warning\">Some runs were measured by a debug build: their timings mislead. The point pages mark them.</p>\n"
        }
        main += """
            <div class="controls" hidden><label>Filter <input id="filter" type="search" placeholder="scenario, parameter, host"></label> <span id="shown"></span></div>
            <div class="table scroller" id="overview-scroller"><table id="overview" class="sortable">
            <thead><tr><th data-sort="title">point</th><th data-sort="host">host</th><th data-sort="runs">runs</th><th>history</th><th data-sort="latest">latest ms</th><th data-sort="change">vs previous</th><th data-sort="cp">last change point</th></tr></thead>
            <tbody>

            """
        for series in model.series {
            main += row(series)
        }
        main += "</tbody></table></div>\n"
        return PageLayout(kind: .overview, title: "Overview", root: "", data: ["data/overview.js"]).page(main)
    }

    /// ` on 2 hosts (a, b)`, or ` on a`.
    static func hostsText(_ model: SiteModel) -> String {
        let hosts = Set(model.runs.map(\.environment.host)).sorted()
        guard hosts.count > 1 else { return hosts.first.map { " on " + HTMLText.text($0) } ?? "" }
        return " on \(hosts.count) hosts (" + hosts.map(HTMLText.text).joined(separator: ", ") + ")"
    }

    static func row(_ series: SiteSeries) -> String {
        let latest = series.entries.last?.median
        var out = "<tr id=\"p-\(series.id)\"><td><a href=\"points/\(series.id).html\">"
        out += HTMLText.text(series.title) + "</a></td>"
        out += "<td>\(HTMLText.text(series.host ?? "all hosts"))</td><td class=\"num\">\(series.entries.count)</td>"
        out += "<td>\(Sparkline.svg(series.entries.map(\.median)))</td>"
        out += "<td class=\"num\">\(HumanFormat.milliseconds(latest))</td>"
        out +=
            "<td class=\"num \(changeClass(series.latestChange))\">\(HumanFormat.percentChange(series.latestChange))</td>"
        if let last = series.changes.last {
            out +=
                "<td class=\"\(changeClass(last.shift))\">\(HumanFormat.percentChange(last.shift)) at run \(last.change.run.id)"
            out += ", q = \(HumanFormat.fixed(last.qValue, 3))</td>"
        } else {
            out += "<td>none</td>"
        }
        return out + "</tr>\n"
    }

    /// `slower` or `faster` for a change of at least 1%, else empty.
    static func changeClass(_ change: Double) -> String {
        guard change.isFinite, abs(change) >= 0.01 else { return "" }
        return change > 0 ? "slower" : "faster"
    }

    static func data(_ model: SiteModel) -> String {
        let points = model.series.map { series -> JSONValue in
            let last = series.changes.last
            return .object([
                ("id", .string(series.id)), ("title", .string(HumanFormat.singleLine(series.title))),
                ("scenario", .string(series.key.scenario)), ("host", .optional(series.host)),
                ("runs", .integer(Int64(series.entries.count))),
                ("latest", .optional(series.entries.last?.median)), ("change", .optional(series.latestChange)),
                ("spark", .array(series.entries.map { .optional($0.median) })),
                (
                    "cp",
                    last.map { change in
                        .object([
                            ("shift", .optional(change.shift)), ("q", .optional(change.qValue)),
                            ("run", .integer(change.change.run.id)),
                        ])
                    } ?? .null
                ),
            ])
        }
        return SiteData.script("overview", .object([("points", .array(points))]))
    }
}

/// The `.js` files that carry a site's data: each sets one entry of `window.SpeedLabData`.
enum SiteData {
    static func script(_ name: String, _ value: JSONValue) -> String {
        var out = "(window.SpeedLabData = window.SpeedLabData || {})["
        out += JSONValue.string(name).text + "] = "
        value.write(to: &out)
        return out + ";\n"
    }
}
