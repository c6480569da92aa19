import Foundation

/// A run-by-run line chart of one point's medians with its change points marked: the SVG
/// beside each series of a history.
enum TrendChart {
    static func render(title: String, yLabel: String, values: [Double], runLabels: [String], changes: [Int]) -> String {
        let width = 720.0
        let height = 300.0
        let left = 70.0
        let right = 700.0
        let top = 40.0
        let bottom = 250.0
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        let pad = high == low ? max(abs(high) * 0.1, 1) : (high - low) * 0.1
        let yTicks = ChartScale.niceTicks((low - pad)...(high + pad))
        let yScale = ChartScale(
            kind: .linear, domain: (yTicks.first ?? low - pad)...(yTicks.last ?? high + pad), range: (bottom, top))
        let xScale = ChartScale(kind: .linear, domain: 0...Double(max(1, values.count - 1)), range: (left, right))
        func n(_ value: Double) -> String { SVGChart.n(value) }
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(SVGChart.escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(n(width / 2))" y="22" text-anchor="middle" font-size="14" font-weight="bold">\(SVGChart.escape(title))</text>

            """
        for tick in yTicks {
            let y = yScale.position(tick)
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(n(left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(ChartScale.label(tick))</text>\n"
        }
        let step = max(1, values.count / 10)
        for index in stride(from: 0, to: values.count, by: step) {
            svg +=
                "<text x=\"\(n(xScale.position(Double(index))))\" y=\"\(n(bottom + 18))\" text-anchor=\"middle\">\(SVGChart.escape(runLabels[index]))</text>\n"
        }
        svg += "<text x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 38))\" text-anchor=\"middle\">run</text>\n"
        svg +=
            "<text transform=\"translate(16 \(n((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVGChart.escape(yLabel))</text>\n"
        for change in changes where change > 0 && change < values.count {
            let x = (xScale.position(Double(change - 1)) + xScale.position(Double(change))) / 2
            svg +=
                "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(bottom))\" stroke=\"#d62728\" stroke-dasharray=\"5 4\"/>\n"
            svg += "<text x=\"\(n(x + 4))\" y=\"\(n(top + 12))\" fill=\"#d62728\">change</text>\n"
        }
        let points = values.enumerated().map {
            "\(n(xScale.position(Double($0.offset)))),\(n(yScale.position($0.element)))"
        }
        if points.count > 1 {
            svg +=
                "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        for (index, value) in values.enumerated() where values.count <= 200 {
            svg +=
                "<circle cx=\"\(n(xScale.position(Double(index))))\" cy=\"\(n(yScale.position(value)))\" r=\"2.5\" fill=\"#1f77b4\"/>\n"
        }
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\" stroke=\"#333\"/>\n"
        return svg + "</svg>\n"
    }
}
