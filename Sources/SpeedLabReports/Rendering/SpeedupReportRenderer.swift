import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a ``SpeedupReport``: Markdown (header, environment, warnings with remedies, the
/// headline targets, one table per scenario with its charts, the method), `points.csv`, and
/// one SVG chart per swept parameter of each scenario.
public struct SpeedupReportRenderer: DocumentRenderer {
    /// One-line descriptions of the scenarios, shown under their headings.
    public var scenarioSummaries: [String: String]
    /// Which files ``files(_:)`` writes; without `svg`, the Markdown links no chart.
    public var formats: Set<ReportFiles.Format>

    public init(
        scenarioSummaries: [String: String] = [:], formats: Set<ReportFiles.Format> = Set(ReportFiles.Format.allCases)
    ) {
        self.scenarioSummaries = scenarioSummaries
        self.formats = formats
    }

    /// SVG charts, then `report.md`, then `points.csv`, as `formats` asks.
    public func files(_ report: SpeedupReport) -> [RenderedFile] {
        files(report, charts: charts(report))
    }

    /// The files of `report` with its charts already drawn (``charts(_:)``).
    public func files(_ report: SpeedupReport, charts: [String: [SVGChartFile]]) -> [RenderedFile] {
        var files = report.sections.flatMap { charts[$0.scenario] ?? [] }.map {
            RenderedFile(name: $0.fileName, text: $0.svg)
        }
        if formats.contains(.md) {
            files.append(RenderedFile(name: "report.md", text: markdown(report, charts: charts)))
        }
        if formats.contains(.csv) { files.append(RenderedFile(name: "points.csv", text: csv(report))) }
        return files
    }

    /// `points.csv`: one row per point with every figure of the report.
    public func csv(_ report: SpeedupReport) -> String {
        CSVRenderer().points(report)
    }

    public func markdown(_ report: SpeedupReport) -> String {
        markdown(report, charts: charts(report))
    }

    /// Each section's charts (none without the `svg` format), by scenario.
    public func charts(_ report: SpeedupReport) -> [String: [SVGChartFile]] {
        guard formats.contains(.svg) else { return [:] }
        return Dictionary(
            uniqueKeysWithValues: report.sections.map {
                ($0.scenario, SVGChart.charts(for: $0) + LLMCharts.charts(for: $0, llm: report.llm))
            })
    }

    private func markdown(_ report: SpeedupReport, charts: [String: [SVGChartFile]]) -> String {
        let content = SpeedupReportContent(report: report, scenarioSummaries: scenarioSummaries)
        var out = "# " + MarkdownSpans.write(content.title) + "\n\n" + MarkdownSpans.write(content.runTable) + "\n"
        out += "## Environment\n\n" + MarkdownSpans.write(content.environmentTable) + "\n"
        out += Self.warnings(report.warnings)
        if content.headlineTable != nil || report.bestCommandSpeedup != nil {
            out += "## Headline\n\n"
            if let table = content.headlineTable {
                out += SpeedupReportContent.headlineIntro + "\n\n" + MarkdownSpans.write(table) + "\n"
            }
            if let best = report.bestCommandSpeedup {
                out += MarkdownSpans.write(SpeedupReportContent.bestSpeedupLine(best)) + "\n\n"
            }
        }
        for section in report.sections {
            out += "## \(MarkdownText.inline(section.scenario))\n\n"
            for paragraph in content.sectionIntro(section) { out += MarkdownSpans.write(paragraph) + "\n\n" }
            out += MarkdownSpans.write(content.pointTable(section)) + "\n"
            if let table = content.llmTable(section), let note = content.llmNote(section) {
                out += MarkdownSpans.write(note) + "\n\n" + MarkdownSpans.write(table) + "\n"
            }
            if let table = content.loadTable(section) {
                out += MarkdownSpans.write(SpeedupReportContent.loadNote) + "\n\n" + MarkdownSpans.write(table) + "\n"
            }
            for chart in charts[section.scenario] ?? [] {
                out += "![\(MarkdownText.inline(chart.title))](\(chart.fileName))\n\n"
            }
        }
        out += "## Method\n\n" + content.method.map { "- " + MarkdownSpans.write($0) + "\n" }.joined() + "\n"
        return out
    }

    static func warnings(_ warnings: [ReportWarning]) -> String {
        guard !warnings.isEmpty else { return "## Warnings\n\nNone.\n\n" }
        return "## Warnings\n\n" + Self.warningList(warnings) + "\n"
    }

    /// Warnings as a Markdown list, each with its remedy (shared with comparisons).
    static func warningList(_ warnings: [ReportWarning]) -> String {
        warnings.map {
            "- **\(MarkdownSpans.write($0.messageSpans))** Remedy: \(MarkdownSpans.write($0.remedySpans))\n"
        }.joined()
    }
}
