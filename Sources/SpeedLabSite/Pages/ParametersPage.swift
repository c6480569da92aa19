import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// `parameters.html`: time or speedup against any swept parameter at a chosen run, with the
/// ideal line and a second run overlaid (drawn by the script from the runs' data files; each
/// series keeps its colour whatever else is hidden). Without JavaScript the page shows the
/// speedup charts of the newest run of each host.
enum ParametersPage {
    static func page(_ model: SiteModel, charts: [RunID: [String]]) -> String {
        var main = """
            <p class="lead">Time or speedup against a swept parameter, at one run, with a second run overlaid.</p>
            <div class="controls" hidden>
            <label>run <select id="param-run"></select></label>
            <label>overlay <select id="param-overlay"></select></label>
            <label>scenario <select id="param-scenario"></select></label>
            <label>parameter <select id="param-name"></select></label>
            <label>show <select id="param-metric"><option value="speedup">speedup</option><option value="time">median ms</option></select></label>
            <label><input type="checkbox" id="param-log"> log y</label>
            </div>
            <figure class="chart-box" id="param-chart"></figure>
            <div id="param-legend" class="legend"></div>
            <div id="param-table"></div>
            <noscript>

            """
        var newest: [String: StoredRun] = [:]
        for run in model.runs { newest[run.environment.host] = run }
        for host in newest.keys.sorted() {
            guard let run = newest[host] else { continue }
            main += "<h2>Run \(run.id) on \(HTMLText.text(host))</h2>\n"
            let files = charts[run.id] ?? []
            if files.isEmpty { main += "<p>No speedup chart: no swept parameter with a baseline.</p>\n" }
            for file in files {
                main +=
                    "<p><img src=\"runs/\(run.id)/\(HTMLText.attribute(file))\" alt=\"\(HTMLText.attribute(file))\"></p>\n"
            }
        }
        main += "</noscript>\n"
        return PageLayout(kind: .parameters, title: "Parameters", root: "", data: ["data/runs.js"]).page(main)
    }
}
