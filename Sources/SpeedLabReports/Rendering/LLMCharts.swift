import Foundation
import SpeedLabCore

/// The llm section's two charts, as standalone SVG: latency against throughput across the
/// sweep (p50 and p99 of ttft and tpot against output tokens per second, the points in order
/// of concurrency: where the knee is), and the distribution of every point's time to first
/// token as a CDF.
enum LLMCharts {
    struct Line {
        var name: String
        var points: [(x: Double, y: Double)]
        var dashed = false
        /// The palette entry, when not the line's pair's (a solid line and the dashed one after it share one).
        var color: Int?
    }

    static func charts(for section: SpeedupReport.Section, llm: [PointID: LLMPointFigures]) -> [SVGChartFile] {
        let figures = section.rows.compactMap { llm[$0.pointID] }
        guard !figures.isEmpty else { return [] }
        var files: [SVGChartFile] = []
        let throughput = Metric.outputTokensPerSecond.name
        let ordered = figures.filter { $0.medians[throughput] != nil }.sorted {
            ($0.parameters["concurrency"]?.realValue ?? 0, $0.medians[throughput] ?? 0)
                < ($1.parameters["concurrency"]?.realValue ?? 0, $1.medians[throughput] ?? 0)
        }
        if ordered.count > 1 {
            let series: [(Metric, Metric.Percentile, Bool)] = [
                (.ttft, .p50, false), (.ttft, .p99, true), (.tpot, .p50, false), (.tpot, .p99, true),
            ]
            let lines = series.map { metric, percentile, dashed in
                Line(
                    name: "\(metric.name) \(percentile.rawValue)",
                    points: ordered.compactMap { point in
                        guard let x = point.medians[throughput], let y = point.medians[metric.name(of: percentile)]
                        else { return nil }
                        return (x, y)
                    }, dashed: dashed)
            }
            let title = "llm: latency against throughput"
            files.append(
                SVGChartFile(
                    fileName: "llm-latency-throughput.svg", title: title,
                    svg: render(
                        title: title, xLabel: "output tokens/s (median)", yLabel: "ms (median over repetitions)",
                        lines: lines, yFromZero: true)))
        }
        files += rateCharts(figures.filter(\.isOpenLoop))
        let cdfs = figures.filter { !$0.ttftMilliseconds.isEmpty }.map { point in
            let sorted = point.ttftMilliseconds
            let step = max(1, sorted.count / 400)  // at most about 400 vertices a line
            var points: [(x: Double, y: Double)] = []
            for index in stride(from: 0, to: sorted.count, by: step) {
                points.append((sorted[index], Double(index + 1) / Double(sorted.count)))
            }
            if let last = sorted.last, points.last?.x != last || points.last?.y != 1 { points.append((last, 1)) }
            let name = section.sweptParameters.compactMap { name in
                point.parameters[name].map { "\(name)=\($0.canonicalText)" }
            }.joined(separator: " ")
            return Line(name: name, points: points)
        }
        if !cdfs.isEmpty {
            let title = "llm: time to first token (CDF of every request)"
            files.append(
                SVGChartFile(
                    fileName: "llm-ttft-cdf.svg", title: title,
                    svg: render(
                        title: title, xLabel: "time to first token (ms)", yLabel: "share of requests", lines: cdfs,
                        yFromZero: true)))
        }
        return files
    }

    /// An open loop's two charts across its rates: latency from the schedule and from the send
    /// against the offered rate, with the objectives as flat lines; and the achieved rate and
    /// goodput against it. Their titles name the first rate whose point misses its objectives.
    static func rateCharts(_ points: [LLMPointFigures]) -> [SVGChartFile] {
        let offered = Metric.offeredRate.name
        let ordered = points.filter { $0.medians[offered] != nil }.sorted {
            ($0.medians[offered] ?? 0) < ($1.medians[offered] ?? 0)
        }
        guard ordered.count > 1, let low = ordered.first?.medians[offered], let high = ordered.last?.medians[offered]
        else { return [] }
        func line(_ name: String, _ column: String, dashed: Bool = false, color: Int? = nil) -> Line {
            Line(
                name: name,
                points: ordered.compactMap { point in
                    guard let x = point.medians[offered], let y = point.medians[column] else { return nil }
                    return (x, y)
                }, dashed: dashed, color: color)
        }
        let missed =
            ordered.first { $0.medians[Metric.meetsSLO.name] == 0 }.flatMap { $0.medians[offered] }.map {
                " (objectives first missed at \(HumanFormat.fixed($0, 1))/s)"
            } ?? ""
        var latency = [
            line("e2e p99 from the schedule", Metric.scheduledE2E.name(of: .p99), color: 0),
            line("e2e p99 from the send", Metric.e2e.name(of: .p99), dashed: true, color: 0),
            line("ttft p99 from the schedule", Metric.scheduledTTFT.name(of: .p99), color: 1),
            line("ttft p99 from the send", Metric.ttft.name(of: .p99), dashed: true, color: 1),
        ]
        for (parameter, label, color) in [("slo_ttft_ms", "ttft objective", 5), ("slo_e2e_ms", "e2e objective", 4)] {
            guard let limit = ordered.compactMap({ $0.parameters[parameter]?.realValue }).max(), limit > 0 else {
                continue
            }
            latency.append(
                Line(
                    name: "\(label) \(HumanFormat.fixed(limit, 0)) ms", points: [(low, limit), (high, limit)],
                    dashed: true, color: color))
        }
        let rates = [
            Line(name: "offered", points: [(low, low), (high, high)], dashed: true, color: 7),
            line("achieved", Metric.achievedRate.name, color: 0),
            line("goodput (within every objective)", Metric.goodput.name, color: 2),
        ].filter { !$0.points.isEmpty }
        let latencyTitle = "llm: latency against offered rate" + missed
        let ratesTitle = "llm: achieved rate and goodput" + missed
        return [
            SVGChartFile(
                fileName: "llm-rate-latency.svg", title: latencyTitle,
                svg: render(
                    title: latencyTitle, xLabel: "offered rate (requests/s)", yLabel: "ms (median over repetitions)",
                    lines: latency.filter { !$0.points.isEmpty }, yFromZero: true)),
            SVGChartFile(
                fileName: "llm-rate-goodput.svg", title: ratesTitle,
                svg: render(
                    title: ratesTitle, xLabel: "offered rate (requests/s)", yLabel: "requests/s (median)",
                    lines: rates, yFromZero: true)),
        ]
    }

    static func render(title: String, xLabel: String, yLabel: String, lines: [Line], yFromZero: Bool) -> String {
        let plot = SVGChart.plot
        let xs = lines.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let ys = lines.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let xScale = ChartScale.numeric(xs, range: (plot.left, plot.right))
        let yScale =
            yFromZero
            ? ChartScale(kind: .linear, domain: 0...max(ys.max() ?? 1, 1e-9), range: (plot.bottom, plot.top))
            : ChartScale.numeric(ys, range: (plot.bottom, plot.top))
        let n = SVGChart.n
        let escape = SVGChart.escape
        let legendEnd = lines.reduce(plot.top + 10) { end, line in
            end + Double(SVGChart.wrap(line.name).count) * 14 + 12
        }
        let height = max(SVGChart.height, legendEnd + 10)
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(SVGChart.width))" height="\(Int(height))" viewBox="0 0 \(Int(SVGChart.width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(n(SVGChart.width / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>

            """
        for tick in yScale.ticks() {
            let y = yScale.position(tick.value)
            svg +=
                "<line x1=\"\(n(plot.left))\" y1=\"\(n(y))\" x2=\"\(n(plot.right))\" y2=\"\(n(y))\" stroke=\"#e5e5e5\"/>\n"
            svg +=
                "<text x=\"\(n(plot.left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(escape(tick.label))</text>\n"
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
            "<text transform=\"translate(18 \(n((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        var legendY = plot.top + 10
        for (index, line) in lines.enumerated() {
            let pairIndex = (line.dashed ? index - 1 : index) / (lines.contains { $0.dashed } ? 2 : 1)
            let color = SVGChart.palette[(line.color ?? pairIndex) % SVGChart.palette.count]
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            let points = line.points.map { "\(n(xScale.position($0.x))),\(n(yScale.position($0.y)))" }
            if points.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(points.joined(separator: " "))\"/>\n"
            }
            if line.points.count <= 40 {
                for point in line.points {
                    svg +=
                        "<circle cx=\"\(n(xScale.position(point.x)))\" cy=\"\(n(yScale.position(point.y)))\" r=\"3\" fill=\"\(color)\"/>\n"
                }
            }
            svg +=
                "<line x1=\"556\" y1=\"\(n(legendY))\" x2=\"580\" y2=\"\(n(legendY))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            let label = SVGChart.wrap(line.name.isEmpty ? "all requests" : line.name)
            for (offset, word) in label.enumerated() {
                svg += "<text x=\"586\" y=\"\(n(legendY + 4 + Double(offset) * 14))\">\(escape(word))</text>\n"
            }
            legendY += Double(label.count) * 14 + 12
        }
        return svg + "</svg>\n"
    }
}
