/// One file of a report, comparison or history: its name in the output folder and its text.
public struct RenderedFile: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The shape every SpeedLab renderer shares (speedup reports, comparisons, histories): the
/// document as Markdown for people, as CSV for machines, and as the files a folder gets.
public protocol DocumentRenderer: Sendable {
    associatedtype Document

    /// The document as GitHub-flavoured Markdown (what goes to standard output).
    func markdown(_ document: Document) -> String
    /// The document as RFC 4180 CSV, one row per point (or per point and run).
    func csv(_ document: Document) -> String
    /// Every file the document is written as, in the order to write them.
    func files(_ document: Document) -> [RenderedFile]
}
