import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// `changes.html` and `changes.atom`: every change point across points and hosts, sortable by
/// size and date, each linked to its point and to the comparison of the runs around it.
enum ChangesPage {
    static func page(_ model: SiteModel, compareLinks: [RunPair: String]) -> String {
        let changes = model.changes
        var main =
            "<p class=\"lead\">\(changes.count) change points (E-divisive means; q: Benjamini-Hochberg over all of them). "
        main += "<a href=\"changes.atom\">Atom feed</a>.</p>\n"
        main += """
            <div class="table"><table id="all-changes" class="sortable">
            <thead><tr><th data-sort="title">point</th><th data-sort="host">host</th><th data-sort="size">shift</th><th data-sort="date">date (UTC)</th><th>runs</th><th data-sort="q">q</th><th>what changed</th></tr></thead>
            <tbody>

            """
        for (series, change) in changes {
            let c = change.change
            let href =
                compareLinks[RunPair(base: c.previousRun.id, head: c.run.id)]
                ?? "compare.html#base=\(c.previousRun.id)&head=\(c.run.id)"
            main += "<tr data-size=\"\(abs(change.shift))\" data-date=\"\(Int(c.run.startedAt.timeIntervalSince1970))\""
            main += " data-q=\"\(change.qValue)\">"
            main += "<td><a href=\"points/\(series.id).html\">\(HTMLText.text(series.title))</a></td>"
            main += "<td>\(HTMLText.text(series.host ?? "all hosts"))</td>"
            main +=
                "<td class=\"\(OverviewPage.changeClass(change.shift))\">\(HumanFormat.percentChange(change.shift))</td>"
            main += "<td>\(HumanFormat.timestamp(c.run.startedAt))</td>"
            main += "<td><a href=\"\(HTMLText.attribute(href))\">\(c.previousRun.id) → \(c.run.id)</a></td>"
            main += "<td class=\"num\">\(HumanFormat.fixed(change.qValue, 3))</td>"
            main += "<td>\(c.explanation.map(HTMLText.text).joined(separator: "<br>"))</td></tr>\n"
        }
        main += "</tbody></table></div>\n"
        return PageLayout(kind: .changes, title: "Change points", root: "").page(main)
    }

    /// The Atom feed of the change points, newest first; its dates are the runs' own, so the
    /// same store gives the same feed.
    static func atom(_ model: SiteModel) -> String {
        let changes = model.changes.sorted {
            ($0.change.change.run.startedAt, $0.series.id) > ($1.change.change.run.startedAt, $1.series.id)
        }
        let updated = changes.first.map { atomDate($0.change.change.run.startedAt) } ?? "1970-01-01T00:00:00Z"
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>SpeedLab change points</title>
            <id>urn:speedlab:changes</id>
            <updated>\(updated)</updated>
            <link rel="alternate" href="changes.html"/>

            """
        for (series, change) in changes {
            let c = change.change
            out += "<entry>\n<id>urn:speedlab:change:\(series.id):\(c.run.id)</id>\n"
            let on = series.host.map { " on " + $0 } ?? ""
            let title = series.title + on + ": " + HumanFormat.percentChange(change.shift) + " at run \(c.run.id)"
            out += "<title>\(HTMLText.text(title))</title>\n"
            out += "<updated>\(atomDate(c.run.startedAt))</updated>\n"
            out += "<link rel=\"alternate\" href=\"points/\(series.id).html\"/>\n"
            let summary =
                "Mean \(HumanFormat.milliseconds(c.meanBefore)) ms → \(HumanFormat.milliseconds(c.meanAfter)) ms "
                + "between run \(c.previousRun.id) and run \(c.run.id), q = \(HumanFormat.fixed(change.qValue, 3)). "
                + c.explanation.joined(separator: "; ")
            out += "<summary>\(HTMLText.text(summary))</summary>\n"
            out += "</entry>\n"
        }
        return out + "</feed>\n"
    }

    static func atomDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: date)
    }
}
