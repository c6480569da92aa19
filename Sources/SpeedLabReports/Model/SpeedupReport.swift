import Foundation
import SpeedLabCore
import SpeedLabStore

/// Everything a run's report says, computed once from the store and rendered as Markdown,
/// CSV and SVG. Holds no timing of its own: it only reads what the run stored.
public struct SpeedupReport: Sendable {
    /// The points of one scenario, and which parameters vary among them.
    public struct Section: Sendable, Hashable {
        public var scenario: String
        /// Parameters whose values differ between the section's points (the table's columns).
        public var sweptParameters: [String]
        /// Parameters with one value across the section, shown once above the table.
        public var fixedParameters: ParameterPoint
        public var rows: [PointRow]
    }

    public var run: StoredRun
    public var warnings: [ReportWarning]
    public var sections: [Section]
    /// The targets SpeedLab's scenarios are judged by (I/O concurrency 5×, CPU parallel 3–4×,
    /// hybrid +40%, agent 2.5×); empty when the run has no point of a built-in scenario (a sweep
    /// of commands only), whose targets would say nothing about it.
    public var headline: [HeadlineTarget]
    /// The command point with the best speedup against its baseline point, if any has one.
    public var bestCommandSpeedup: BestSpeedup? = nil
    /// What the llm points measured per request, by point (none without llm points).
    public var llm: [PointID: LLMPointFigures] = [:]

    /// Every row of every section, in report order.
    public var rows: [PointRow] { sections.flatMap(\.rows) }
}
