import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// The history of one point as an inline SVG that reads without JavaScript: the median of
/// each run with its 95% CI as a band, and each level between change points as a step
/// labelled with its shift. The script redraws it with zoom, log scale and dates.
enum SeriesChart {
    static let width = 880.0, height = 360.0
    static let plot = (left: 70.0, right: 860.0, top: 20.0, bottom: 320.0)

    static func svg(_ series: SiteSeries) -> String {
        let entries = series.entries
        let values = entries.flatMap { [$0.lower, $0.upper, $0.median] }.filter(\.isFinite)
        let highest = (values.max() ?? 1) * 1.05
        let yTicks = Ticks.nice(0...max(highest, 1e-9))
        let yMax = yTicks.last ?? highest
        func x(_ index: Int) -> Double {
            entries.count < 2
                ? (plot.left + plot.right) / 2
                : plot.left + (plot.right - plot.left) * Double(index) / Double(entries.count - 1)
        }
        func y(_ value: Double) -> Double { plot.bottom - (plot.bottom - plot.top) * value / yMax }
        var svg =
            "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">"
        svg += "<title>\(HTMLText.text(series.title)): median per run</title>\n"
        for tick in yTicks {
            svg +=
                "<line class=\"grid\" x1=\"\(f(plot.left))\" x2=\"\(f(plot.right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(f(plot.left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(Ticks.milliseconds(tick))</text>\n"
        }
        svg +=
            "<text class=\"axis-label\" transform=\"translate(16 \(f((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">median ms</text>\n"
        let step = max(1, entries.count / 10)
        for index in stride(from: 0, to: entries.count, by: step) {
            svg +=
                "<text class=\"tick\" x=\"\(f(x(index)))\" y=\"\(f(plot.bottom + 18))\" text-anchor=\"middle\">run \(entries[index].run.id)</text>"
        }
        svg += "\n"
        if entries.count > 1 {
            let upper = entries.indices.map { "\(f(x($0))),\(f(y(entries[$0].upper)))" }
            let lower = entries.indices.reversed().map { "\(f(x($0))),\(f(y(entries[$0].lower)))" }
            svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
            svg +=
                "<polyline class=\"median\" points=\"\(entries.indices.map { "\(f(x($0))),\(f(y(entries[$0].median)))" }.joined(separator: " "))\"/>\n"
        }
        for (index, entry) in entries.enumerated() {
            svg += "<circle class=\"dot\" cx=\"\(f(x(index)))\" cy=\"\(f(y(entry.median)))\" r=\"2.5\"/>"
        }
        svg += "\n"
        // Levels between change points, and the shift at each change.
        let bounds = [0] + series.changes.map(\.change.index) + [entries.count]
        if !series.changes.isEmpty {
            for segment in 0..<(bounds.count - 1) where bounds[segment] < bounds[segment + 1] {
                let slice = entries[bounds[segment]..<bounds[segment + 1]].map(\.median)
                let level = slice.reduce(0, +) / Double(slice.count)
                let start = x(bounds[segment]) - (segment == 0 ? 0 : 0.5 * (x(1) - x(0)))
                let end = x(bounds[segment + 1] - 1) + (segment == bounds.count - 2 ? 0 : 0.5 * (x(1) - x(0)))
                svg +=
                    "<line class=\"level\" x1=\"\(f(start))\" x2=\"\(f(end))\" y1=\"\(f(y(level)))\" y2=\"\(f(y(level)))\"/>"
            }
            for change in series.changes {
                let position = x(change.change.index) - 0.5 * (x(1) - x(0))
                svg +=
                    "<line class=\"change\" x1=\"\(f(position))\" x2=\"\(f(position))\" y1=\"\(f(plot.top))\" y2=\"\(f(plot.bottom))\"/>"
                svg +=
                    "<text class=\"change-label\" x=\"\(f(position + 4))\" y=\"\(f(plot.top + 12))\">\(HumanFormat.percentChange(change.shift))</text>"
            }
            svg += "\n"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(f(plot.left))\" x2=\"\(f(plot.right))\" y1=\"\(f(plot.bottom))\" y2=\"\(f(plot.bottom))\"/>"
        svg +=
            "<line class=\"axis\" x1=\"\(f(plot.left))\" x2=\"\(f(plot.left))\" y1=\"\(f(plot.top))\" y2=\"\(f(plot.bottom))\"/>"
        return svg + "</svg>\n"
    }

    /// A coordinate with one decimal (`12.3`, `-0.5`), without going through printf: the
    /// point pages hold thousands.
    static func f(_ value: Double) -> String {
        guard value.isFinite else { return "0.0" }
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 && tenths > 0 ? "-" : "") + String(tenths / 10) + "." + String(tenths % 10)
    }
}

/// A sparkline of a series' medians (120 × 24), drawn in the overview's table.
enum Sparkline {
    static func svg(_ medians: [Double]) -> String {
        let width = 120.0
        let height = 24.0
        let finite = medians.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return "" }
        let span = high > low ? high - low : 1
        let points = medians.enumerated().map { index, value in
            let x = medians.count < 2 ? width / 2 : 1 + (width - 2) * Double(index) / Double(medians.count - 1)
            let y = height - 2 - (height - 4) * (value - low) / span
            return "\(SeriesChart.f(x)),\(SeriesChart.f(y))"
        }
        return
            "<svg class=\"spark\" viewBox=\"0 0 120 24\" width=\"120\" height=\"24\" aria-hidden=\"true\"><polyline points=\"\(points.joined(separator: " "))\"/></svg>"
    }
}

/// Round tick values for an axis and their labels.
enum Ticks {
    /// About five round values covering `range` from 0.
    static func nice(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let rough = span / 5
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var ticks: [Double] = []
        var value = (range.lowerBound / step).rounded(.down) * step
        while value < range.upperBound + step * 0.999 {
            ticks.append(value)
            value += step
        }
        return ticks
    }

    /// Nanoseconds as milliseconds with as many digits as the size needs.
    static func milliseconds(_ nanos: Double) -> String {
        let ms = nanos / 1e6
        if ms == 0 { return "0" }
        if abs(ms) >= 100 { return String(format: "%.0f", ms) }
        if abs(ms) >= 1 { return String(format: "%.4g", ms) }
        return String(format: "%.3g", ms)
    }
}
