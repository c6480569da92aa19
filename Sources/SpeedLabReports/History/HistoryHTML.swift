import SpeedLabCore

/// Renders a ``History`` as an HTML fragment (the page around it is the caller's): the same
/// content as `history.md` (``HistoryContent``), its trend charts from `imagePrefix`.
public struct HistoryHTML: Sendable {
    /// Where the trend charts are found from the page.
    public var imagePrefix: String

    public init(imagePrefix: String = "") {
        self.imagePrefix = imagePrefix
    }

    /// The history without its title; `charts` are the trend charts' files in series order.
    public func fragment(_ history: History, charts: [String] = []) -> String {
        HTMLSpans.write(HistoryContent(history: history, charts: charts.map { imagePrefix + $0 }).blocks)
    }
}
