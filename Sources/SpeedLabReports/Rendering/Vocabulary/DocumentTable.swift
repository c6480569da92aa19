import SpeedLabCore

/// A table of a report, comparison or history, before it is written in any format: its
/// heading cells, and rows of cells each tied to the point it shows (so a page can link the
/// row to the point's history) and to the verdict it states (so a page can colour it).
public struct DocumentTable: Sendable, Hashable {
    /// One row: its cells, and what it shows.
    public struct Row: Sendable, Hashable {
        public var cells: [TextSpans]
        /// The point the row is about, when it is about one.
        public var point: PointKey?
        /// A comparison's verdict (`regression`, `improvement`, `unchanged`) or `failed`.
        public var verdict: String?

        public init(_ cells: [TextSpans], point: PointKey? = nil, verdict: String? = nil) {
            self.cells = cells
            self.point = point
            self.verdict = verdict
        }
    }

    public var header: [TextSpans]
    public var rows: [Row] = []

    public init(header: [TextSpans]) {
        self.header = header
    }

    /// A table whose headings are SpeedLab's own words.
    public init(headings: [String]) {
        self.header = headings.map { [.plain($0)] }
    }

    /// Adds a row; missing cells are left empty, extra cells dropped.
    public mutating func append(_ cells: [TextSpans], point: PointKey? = nil, verdict: String? = nil) {
        let fitted = (0..<header.count).map { $0 < cells.count ? cells[$0] : [] }
        rows.append(Row(fitted, point: point, verdict: verdict))
    }

    /// Whether every heading is empty (a two-column key/value table).
    public var hasBlankHeader: Bool { header.allSatisfy { $0.plainText.isEmpty } }
}
