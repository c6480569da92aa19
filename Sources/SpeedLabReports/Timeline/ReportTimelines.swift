import SpeedLabCore
import SpeedLabStore

/// The timelines of a run's report: one SVG per traced point (in the order of the report's
/// sections), and the command scenarios, which have none. Written as a section of
/// `report.md` and of the HTML report alike.
public struct ReportTimelines: Sendable {
    /// One traced point's timeline.
    public struct Entry: Sendable {
        public var scenario: String
        public var point: PointID
        public var parameters: ParameterPoint
        public var fileName: String
        public var svg: String
    }

    public var run: RunID
    public var entries: [Entry]
    /// Command scenarios of the run: processes have no spans to draw.
    public var commands: [String]

    init(_ data: ReportData, report: SpeedupReport) {
        run = data.run.id
        var commands: [String] = []
        for point in data.points where point.command != nil && !commands.contains(point.scenario) {
            commands.append(point.scenario)
        }
        self.commands = commands
        let order = report.sections.map(\.scenario)
        let traced = data.points.filter { data.traces[$0.id] != nil }.sorted {
            (order.firstIndex(of: $0.scenario) ?? .max, $0.ordinal) < (
                order.firstIndex(of: $1.scenario) ?? .max, $1.ordinal
            )
        }
        entries = traced.compactMap { point in
            guard let trace = data.traces[point.id] else { return nil }
            return Entry(
                scenario: point.scenario, point: point.id, parameters: point.parameters,
                fileName: TimelineSelection.fileName(scenario: point.scenario),
                svg: TimelineSVG.render(
                    title: TimelineSelection.title(point, among: data.points), trace: trace,
                    idealNanos: point.idealNanos))
        }
    }

    /// Whether there is nothing to show (no traced point and no command).
    public var isEmpty: Bool { entries.isEmpty && commands.isEmpty }

    /// What the section says before its timelines, when there are any.
    var intro: TextSpans? {
        guard !entries.isEmpty else { return nil }
        return [
            .plain(
                "One traced repetition per point, run after the measured ones and never counted above: what ran "
                    + "when, on which thread (CPU) and in which call lane (I/O). The dashed line is the point's bound. "
                    + "Any other point: "), .code("speedlab report \(run) --timeline POINT"), .plain(" (ids from "),
            .code("speedlab show \(run)"), .plain("); for Perfetto: "), .code("speedlab trace \(run)"), .plain("."),
        ]
    }

    /// The section as Markdown, appended to `report.md`.
    func markdown() -> String {
        var section = "\n## Timelines\n"
        if let intro { section += "\n" + MarkdownSpans.write(intro) + "\n" }
        for entry in entries {
            section +=
                "\n### \(MarkdownText.inline(entry.scenario))\n\nPoint \(entry.point): "
                + "\(MarkdownText.inline(entry.parameters.description))\n\n"
                + "![\(MarkdownText.inline(entry.scenario)) timeline](\(entry.fileName))\n"
        }
        for name in commands {
            section += "\n### \(MarkdownText.inline(name))\n\nno timeline: command points have no spans.\n"
        }
        return section
    }
}
