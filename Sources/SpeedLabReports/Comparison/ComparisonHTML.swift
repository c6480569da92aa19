import SpeedLabCore

/// Renders a ``Comparison`` as an HTML fragment (the page around it is the caller's): the
/// same content as the Markdown (``ComparisonContent``), each changed point's row linked to
/// its point and coloured by its verdict.
public struct ComparisonHTML: Sendable {
    /// The page of a point's history, for a link on its row.
    public var pointLink: (@Sendable (PointKey) -> String)?

    public init(pointLink: (@Sendable (PointKey) -> String)? = nil) {
        self.pointLink = pointLink
    }

    /// The comparison without its title (the page's heading).
    public func fragment(_ comparison: Comparison) -> String {
        HTMLSpans.write(ComparisonContent(comparison: comparison).blocks, pointLink: pointLink)
    }
}
