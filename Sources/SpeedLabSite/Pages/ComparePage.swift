import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// `compare/BASE-HEAD.html`, precomputed for consecutive runs of each label and host (the
/// comparison `speedlab compare` prints, verdicts coloured, environment differences listed),
/// and `compare.html`, where the browser compares any two runs from their data files with
/// the same statistics: Mann-Whitney U p, Benjamini-Hochberg q, Hodges-Lehmann shift and the
/// ratio of medians.
enum ComparePage {
    /// The pairs of consecutive runs with the same label on the same host, oldest first.
    static func consecutivePairs(_ runs: [StoredRun]) -> [(base: StoredRun, head: StoredRun)] {
        var last: [String: StoredRun] = [:]
        var pairs: [(StoredRun, StoredRun)] = []
        for run in runs.sorted(by: { $0.id < $1.id }) {
            let key = (run.label ?? "") + "\u{0}" + run.environment.host
            if let previous = last[key] { pairs.append((previous, run)) }
            last[key] = run
        }
        return pairs
    }

    static func path(_ pair: RunPair) -> String { "compare/\(pair).html" }

    static func page(_ comparison: Comparison) -> String {
        let base = comparison.base
        let head = comparison.head
        var main = "<p class=\"lead\"><a href=\"../runs/\(base.id).html\">Run \(base.id)</a> → "
        main += "<a href=\"../runs/\(head.id).html\">run \(head.id)</a>. "
        main += "<a href=\"../compare.html#base=\(base.id)&amp;head=\(head.id)\">Pick other runs</a>.</p>\n"
        main += ComparisonHTML().fragment(comparison)
        let title = "Run \(base.id) → run \(head.id)"
        return PageLayout(kind: .compare, title: title, root: "../").page(main)
    }

    static func picker(_ model: SiteModel, pairs: [(base: StoredRun, head: StoredRun)]) -> String {
        var main = """
            <p class="lead">Pick two runs: the browser compares every point they share with the statistics of \
            <code>speedlab compare</code> (Mann-Whitney U, Benjamini-Hochberg, Hodges-Lehmann, ratio of medians) \
            from the runs' data files.</p>
            <div class="controls" hidden>
            <label>base <select id="base-run"></select></label>
            <label>head <select id="head-run"></select></label>
            </div>
            <div id="browser-compare"></div>
            <h2>Consecutive runs</h2>

            """
        if pairs.isEmpty {
            main += "<p>No two completed runs share a label and a host yet.</p>\n"
        } else {
            main += "<ul>\n"
            for (base, head) in pairs.reversed() {
                main +=
                    "<li><a href=\"\(path(RunPair(base: base.id, head: head.id)))\">run \(base.id) → run \(head.id)</a>"
                main += " — \(HTMLText.text(head.label ?? "no label")) on \(HTMLText.text(head.environment.host)), "
                main += "\(HumanFormat.timestamp(head.startedAt))</li>\n"
            }
            main += "</ul>\n"
        }
        return PageLayout(kind: .compare, title: "Compare", root: "", data: ["data/runs.js"]).page(main)
    }

    static func runsData(_ model: SiteModel) -> String {
        SiteData.script(
            "runs",
            .array(
                model.runs.map { run in
                    .object([
                        ("id", .integer(run.id)), ("label", .optional(run.label.map(HumanFormat.singleLine))),
                        ("when", .string(HumanFormat.timestamp(run.startedAt))),
                        ("host", .string(HumanFormat.singleLine(run.environment.host))),
                        ("commit", .optional(run.environment.gitCommit.map(HumanFormat.singleLine))),
                        ("sweep", .string(HumanFormat.singleLine(run.sweepName))),
                    ])
                }))
    }
}
