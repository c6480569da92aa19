import SpeedLabCore

/// Renders a ``SpeedupReport`` as an HTML fragment (the page around it is the caller's): the
/// same content as `report.md` (``SpeedupReportContent``), with headings that carry anchors,
/// tables whose rows link to their points, and the charts and timelines as images.
public struct SpeedupReportHTML: Sendable {
    public var scenarioSummaries: [String: String]
    /// Where the charts and timelines are found from the page (`12/` on the site).
    public var imagePrefix: String
    /// The page of a point's history, for a link on its row.
    public var pointLink: (@Sendable (PointKey) -> String)?

    public init(
        scenarioSummaries: [String: String] = [:], imagePrefix: String = "",
        pointLink: (@Sendable (PointKey) -> String)? = nil
    ) {
        self.scenarioSummaries = scenarioSummaries
        self.imagePrefix = imagePrefix
        self.pointLink = pointLink
    }

    /// The report without its title (the page's heading): the run, environment, warnings,
    /// headline, one section per scenario, the method and the timelines.
    public func fragment(
        _ report: SpeedupReport, charts: [String: [SVGChartFile]], timelines: ReportTimelines?
    ) -> String {
        let content = SpeedupReportContent(report: report, scenarioSummaries: scenarioSummaries)
        var out = HTMLSpans.write(content.runTable)
        out += HTMLSpans.heading(2, .words("Environment")) + HTMLSpans.write(content.environmentTable)
        out += HTMLSpans.heading(2, .words("Warnings"))
        out += report.warnings.isEmpty ? "<p>None.</p>\n" : Self.warningList(report.warnings)
        if content.headlineTable != nil || report.bestCommandSpeedup != nil {
            out += HTMLSpans.heading(2, .words("Headline"))
            if let table = content.headlineTable {
                out += HTMLSpans.paragraph(.words(SpeedupReportContent.headlineIntro)) + HTMLSpans.write(table)
            }
            if let best = report.bestCommandSpeedup {
                out += HTMLSpans.paragraph(SpeedupReportContent.bestSpeedupLine(best))
            }
        }
        for section in report.sections {
            out += HTMLSpans.heading(2, [.text(section.scenario)])
            for paragraph in content.sectionIntro(section) { out += HTMLSpans.paragraph(paragraph) }
            out += HTMLSpans.write(content.pointTable(section), pointLink: pointLink)
            if let table = content.llmTable(section), let note = content.llmNote(section) {
                out += HTMLSpans.paragraph(note) + HTMLSpans.write(table, pointLink: pointLink)
            }
            if let table = content.loadTable(section) {
                out += HTMLSpans.paragraph(SpeedupReportContent.loadNote) + HTMLSpans.write(table, pointLink: pointLink)
            }
            for chart in charts[section.scenario] ?? [] {
                out += "<p>" + HTMLSpans.image(imagePrefix + chart.fileName, alt: chart.title) + "</p>\n"
            }
        }
        out += HTMLSpans.heading(2, .words("Method")) + HTMLSpans.list(content.method)
        if let timelines, !timelines.isEmpty { out += self.timelines(timelines) }
        return out
    }

    /// Warnings as a list, each with its remedy (shared with comparisons).
    static func warningList(_ warnings: [ReportWarning]) -> String {
        HTMLSpans.list(warnings.map { [.strong($0.messageSpans), .plain(" Remedy: ")] + $0.remedySpans })
    }

    private func timelines(_ timelines: ReportTimelines) -> String {
        var out = HTMLSpans.heading(2, .words("Timelines"))
        if let intro = timelines.intro { out += HTMLSpans.paragraph(intro) }
        for entry in timelines.entries {
            out += HTMLSpans.heading(3, [.text(entry.scenario)])
            out += HTMLSpans.paragraph([.plain("Point \(entry.point): "), .text(entry.parameters.description)])
            out += "<p>" + HTMLSpans.image(imagePrefix + entry.fileName, alt: "\(entry.scenario) timeline") + "</p>\n"
        }
        for name in timelines.commands {
            out += HTMLSpans.heading(3, [.text(name)])
            out += HTMLSpans.paragraph(.words("no timeline: command points have no spans."))
        }
        return out
    }
}
