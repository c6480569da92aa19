import Foundation
import SpeedLabCore

/// Draws a scenario's speedup against one swept parameter as a standalone SVG: the measured
/// speedup with its 95% CI whiskers, the ideal speedup dashed beside it, one colour per
/// combination of the other swept parameters. Plain SVG 1.1, no script, no browser needed.
public enum SVGChart {
    static let width = 720.0, height = 420.0
    static let plot = (left: 70.0, right: 540.0, top: 50.0, bottom: 360.0)
    /// Okabe-Ito: told apart with any common form of colour blindness (the site uses the same).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]

    struct Series {
        var name: String
        var points: [(x: Double, speedup: PointRow.Estimate, ideal: Double?)]
    }

    /// One chart per swept parameter of a section whose points have speedups.
    public static func charts(for section: SpeedupReport.Section) -> [SVGChartFile] {
        let rows = section.rows.filter { $0.speedup != nil }
        guard !rows.isEmpty else { return [] }
        return section.sweptParameters.compactMap { parameter in
            let others = section.sweptParameters.filter { $0 != parameter }
            let values = rows.compactMap { $0.parameters[parameter] }
            guard Set(values).count > 1 else { return nil }
            let numeric = values.allSatisfy { $0.realValue != nil }
            var categories: [String] = []
            for value in values where !categories.contains(value.canonicalText) {
                categories.append(value.canonicalText)
            }
            func x(_ row: PointRow) -> Double {
                guard let value = row.parameters[parameter] else { return 0 }
                return numeric ? value.realValue ?? 0 : Double(categories.firstIndex(of: value.canonicalText) ?? 0)
            }
            var series: [Series] = []
            let named = legendParameters(others, rows: rows)
            for row in rows {
                let name = named.compactMap { name in
                    row.parameters[name].map { "\(name)=\($0.canonicalText)" }
                }.joined(separator: " ")
                guard let speedup = row.speedup else { continue }
                let point = (x: x(row), speedup: speedup, ideal: row.idealSpeedup)
                if let index = series.firstIndex(where: { $0.name == name }) {
                    series[index].points.append(point)
                } else {
                    series.append(Series(name: name, points: [point]))
                }
            }
            for index in series.indices { series[index].points.sort { $0.x < $1.x } }
            let title = "\(section.scenario): speedup against \(parameter)"
            let scale: ChartScale =
                numeric
                ? .numeric(rows.map(x), range: (plot.left, plot.right))
                : ChartScale(
                    kind: .categories(categories), domain: -0.5...(Double(categories.count) - 0.5),
                    range: (plot.left, plot.right))
            return SVGChartFile(
                fileName: "\(section.scenario)-\(parameter).svg", title: title,
                svg: render(title: title, xLabel: parameter, xScale: scale, series: series))
        }
    }

    /// The parameters a legend names: those of `others` that tell the chart's rows apart (a
    /// value, or its absence, differs between rows). A row without a parameter leaves it out of
    /// its name, so no legend reads `name=-`. A parameter that splits the rows exactly as one
    /// present in every row does adds nothing and is left out.
    static func legendParameters(_ others: [String], rows: [PointRow]) -> [String] {
        let varying = others.filter { name in
            Set(rows.map { $0.parameters[name]?.canonicalText }).count > 1
        }
        func partition(_ name: String) -> [Int] {
            var seen: [String?: Int] = [:]
            return rows.map { row in
                let value = row.parameters[name]?.canonicalText
                if let index = seen[value] { return index }
                seen[value] = seen.count
                return seen.count - 1
            }
        }
        let everywhere = varying.filter { name in rows.allSatisfy { $0.parameters[name] != nil } }
        let covered = Set(everywhere.map(partition))
        return varying.filter { name in everywhere.contains(name) || !covered.contains(partition(name)) }
    }

    /// A legend entry's text in lines of at most `width` characters (the room right of the plot), broken at spaces.
    static func wrap(_ text: String, width: Int = 21) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            var word = word
            while word.count > width {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    static func render(title: String, xLabel: String, xScale: ChartScale, series: [Series]) -> String {
        let highest =
            series.flatMap { $0.points.flatMap { [$0.speedup.value, $0.speedup.upper, $0.ideal ?? 0] } }
            .filter(\.isFinite).max() ?? 1
        var yTicks = ChartScale.niceTicks(0...max(1, highest * 1.05))
        if let last = yTicks.last, last < highest, yTicks.count > 1 {  // room for the highest point
            yTicks.append(last + (yTicks[1] - yTicks[0]))
        }
        let yScale = ChartScale(kind: .linear, domain: 0...(yTicks.last ?? 1), range: (plot.bottom, plot.top))
        // The legend grows the figure downwards rather than running off its bottom.
        let legendEnd = series.reduce(plot.top + 10) { end, line in
            end + Double(line.name.isEmpty ? 1 : wrap(line.name).count) * 14 + 26
        }
        let figureHeight = max(height, legendEnd + 10)
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(figureHeight))" viewBox="0 0 \(Int(width)) \(Int(figureHeight))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(n(width / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>

            """
        for tick in yTicks {
            let y = yScale.position(tick)
            svg +=
                "<line x1=\"\(n(plot.left))\" y1=\"\(n(y))\" x2=\"\(n(plot.right))\" y2=\"\(n(y))\" stroke=\"#e5e5e5\"/>\n"
            svg +=
                "<text x=\"\(n(plot.left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(ChartScale.label(tick))×</text>\n"
        }
        for tick in xScale.ticks() {
            let x = xScale.position(tick.value)
            svg +=
                "<line x1=\"\(n(x))\" y1=\"\(n(plot.bottom))\" x2=\"\(n(x))\" y2=\"\(n(plot.bottom + 5))\" stroke=\"#333\"/>\n"
            svg +=
                "<text x=\"\(n(x))\" y=\"\(n(plot.bottom + 20))\" text-anchor=\"middle\">\(escape(tick.label))</text>\n"
        }
        svg +=
            "<line x1=\"\(n(plot.left))\" y1=\"\(n(plot.bottom))\" x2=\"\(n(plot.right))\" y2=\"\(n(plot.bottom))\" stroke=\"#333\"/>\n"
        svg +=
            "<line x1=\"\(n(plot.left))\" y1=\"\(n(plot.top))\" x2=\"\(n(plot.left))\" y2=\"\(n(plot.bottom))\" stroke=\"#333\"/>\n"
        svg +=
            "<text x=\"\(n((plot.left + plot.right) / 2))\" y=\"\(n(plot.bottom + 42))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        svg +=
            "<text transform=\"translate(18 \(n((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">speedup (baseline median ÷ median)</text>\n"
        var legendY = plot.top + 10
        for (index, line) in series.enumerated() {
            let color = palette[index % palette.count]
            let ideal = line.points.compactMap { point in
                point.ideal.map { (xScale.position(point.x), yScale.position($0)) }
            }
            if ideal.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(color)\" stroke-opacity=\"0.6\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" points=\"\(ideal.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>\n"
            } else if let single = ideal.first {
                svg +=
                    "<line x1=\"\(n(single.0 - 12))\" y1=\"\(n(single.1))\" x2=\"\(n(single.0 + 12))\" y2=\"\(n(single.1))\" stroke=\"\(color)\" stroke-dasharray=\"4 3\"/>\n"
            }
            let measured = line.points.map { (xScale.position($0.x), yScale.position($0.speedup.value)) }
            if measured.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(measured.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>\n"
            }
            for point in line.points {
                let x = xScale.position(point.x)
                if point.speedup.lower.isFinite, point.speedup.upper.isFinite {
                    let low = yScale.position(point.speedup.lower)
                    let high = yScale.position(point.speedup.upper)
                    svg +=
                        "<path d=\"M\(n(x)) \(n(low))V\(n(high))M\(n(x - 4)) \(n(low))h8M\(n(x - 4)) \(n(high))h8\" stroke=\"\(color)\" fill=\"none\"/>\n"
                }
                svg +=
                    "<circle cx=\"\(n(x))\" cy=\"\(n(yScale.position(point.speedup.value)))\" r=\"3.5\" fill=\"\(color)\"/>\n"
            }
            let label = line.name.isEmpty ? ["measured"] : wrap(line.name)
            svg +=
                "<line x1=\"556\" y1=\"\(n(legendY))\" x2=\"580\" y2=\"\(n(legendY))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            for (offset, word) in label.enumerated() {
                svg +=
                    "<text x=\"586\" y=\"\(n(legendY + 4 + Double(offset) * 14))\">\(escape(word))</text>\n"
            }
            let idealY = legendY + Double(label.count) * 14 + 2
            svg +=
                "<line x1=\"556\" y1=\"\(n(idealY))\" x2=\"580\" y2=\"\(n(idealY))\" stroke=\"\(color)\" stroke-opacity=\"0.6\" stroke-dasharray=\"6 4\"/>\n"
            svg += "<text x=\"586\" y=\"\(n(idealY + 4))\" fill=\"#555\">ideal</text>\n"
            legendY = idealY + 24
        }
        return svg + "</svg>\n"
    }

    /// A coordinate with one decimal, as `%.1f` writes it (without printf for finite values).
    static func n(_ value: Double) -> String {
        value.isFinite ? HumanFormat.fixed(value, 1) : String(format: "%.1f", value)
    }

    static func escape(_ text: String) -> String {
        let special = text.utf8.contains {
            $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"")
        }
        guard special else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
