/// One chart of a report: the SVG text, the file name it is written under, and its title.
public struct SVGChartFile: Sendable, Hashable {
    public var fileName: String
    public var title: String
    public var svg: String
}
