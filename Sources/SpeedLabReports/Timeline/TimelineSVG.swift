import Foundation
import SpeedLabCore

/// Draws a traced repetition as a standalone SVG timeline: one lane per thread for CPU work
/// (with a tick where a fetch's task resumed on it), one lane per call in flight for I/O,
/// coloured by span kind (a streamed answer with a black tick where its first token arrived),
/// a time axis in ms, the point's bound as a dashed line and a legend.
///
/// With more than ``maximumRows`` calls in flight at once, call lanes are merged: lane `k`
/// is drawn in row `k mod maximumRows`, with translucent bars, so a darker bar is several
/// calls on top of each other; the subtitle says so.
public enum TimelineSVG {
    public static let maximumRows = 120
    static let width = 960.0
    static let left = 170.0, right = 930.0

    /// The colour of a span: fetches by outcome, other kinds by kind.
    static func colour(_ span: Span) -> String {
        switch span.kind {
        case .compute: return "#2ca02c"
        case .permit: return "#c7c7c7"
        case .backoff: return "#9467bd"
        case .rejection: return "#000000"
        case .fetch:
            switch span.outcome {
            case "error", "transport": return "#d62728"
            case "timeout", "cancelled": return "#ff7f0e"
            default: return "#1f77b4"
            }
        }
    }

    static let legend: [(String, String)] = [
        ("fetch", "#1f77b4"), ("fetch error", "#d62728"), ("timeout", "#ff7f0e"), ("permit wait", "#c7c7c7"),
        ("backoff", "#9467bd"), ("breaker rejection", "#000000"), ("compute", "#2ca02c"),
        ("task resumed", "#444444"),
    ]

    /// The SVG of `trace`, titled `title`, with the bound `idealNanos` drawn when known.
    public static func render(title: String, trace: PointTrace, idealNanos: Int64?) -> String {
        let layout = TimelineLayout(trace)
        let rows = min(layout.callLanes, maximumRows)
        let merged = layout.callLanes > maximumRows
        let threadHeight = 16.0
        let callHeight = rows == 0 ? 0 : max(2.0, min(12.0, 480.0 / Double(rows)))
        let top = 78.0
        let threadsTop = top
        let callsTop = threadsTop + Double(layout.threads.count) * threadHeight + 24
        let axisY = callsTop + Double(rows) * callHeight + 10
        let height = axisY + 80
        let end = Double(max(layout.endNanos, idealNanos ?? 0, 1))
        func x(_ nanos: Int64) -> Double { left + (right - left) * Double(nanos) / end }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            <text x="10" y="22" font-size="14" font-weight="bold">\(escape(clipped(title, to: 120)))</text>

            """
        let subtitle =
            "traced repetition: \(HumanFormat.milliseconds(Double(trace.wallNanos))) ms wall, \(trace.spans.count) spans, "
            + "\(layout.calls.count) calls, at most \(layout.callLanes) in flight"
            + (merged ? "; \(layout.callLanes) call lanes drawn in \(rows) rows (row = lane mod \(rows))" : "")
        svg += "<text x=\"10\" y=\"40\" fill=\"#555\">\(escape(clipped(subtitle, to: 150)))</text>\n"
        svg += "<text x=\"10\" y=\"\(f(threadsTop - 6))\" font-weight=\"bold\">CPU, per thread</text>\n"
        for (index, thread) in layout.threads.enumerated() {
            let y = threadsTop + Double(index) * threadHeight
            svg += "<text x=\"10\" y=\"\(f(y + 11))\">\(escape(String(thread.prefix(26))))</text>\n"
            svg +=
                "<rect x=\"\(Int(left))\" y=\"\(f(y))\" width=\"\(Int(right - left))\" height=\"\(f(threadHeight - 2))\" fill=\"#f4f4f4\"/>\n"
        }
        let threadIndex = Dictionary(uniqueKeysWithValues: layout.threads.enumerated().map { ($1, $0) })
        for span in layout.computeSpans {
            guard let index = threadIndex[span.thread] else { continue }
            let y = threadsTop + Double(index) * threadHeight
            svg += bar(x(span.startNanos), x(span.endNanos), y, threadHeight - 2, colour(span), opacity: 1)
        }
        for resumption in layout.resumptions {
            guard let index = threadIndex[resumption.thread] else { continue }
            let y = threadsTop + Double(index) * threadHeight
            svg +=
                "<line x1=\"\(f(x(resumption.nanos)))\" y1=\"\(f(y + threadHeight - 6))\" x2=\"\(f(x(resumption.nanos)))\" "
                + "y2=\"\(f(y + threadHeight - 2))\" stroke=\"#444\" stroke-width=\"0.6\"/>\n"
        }
        if rows > 0 {
            svg += "<text x=\"10\" y=\"\(f(callsTop - 6))\" font-weight=\"bold\">I/O, per call in flight</text>\n"
            svg += "<text x=\"10\" y=\"\(f(callsTop + 11))\" fill=\"#555\">\(layout.callLanes) lanes</text>\n"
        }
        for call in layout.calls {
            let y = callsTop + Double(call.lane % max(rows, 1)) * callHeight
            // Permit waits last: a wait for a pool's connection lies over the start of its fetch.
            for span in call.spans.sorted(by: { ($0.kind == .permit ? 1 : 0) < ($1.kind == .permit ? 1 : 0) }) {
                let height = max(1, callHeight - (callHeight > 4 ? 1 : 0))
                svg += bar(
                    x(span.startNanos), x(span.endNanos), y, height, colour(span), opacity: merged ? 0.35 : 1)
                if let firstToken = span.firstTokenNanos {  // a stream: a tick where its first token arrived
                    svg +=
                        "<line x1=\"\(f(x(firstToken)))\" y1=\"\(f(y))\" x2=\"\(f(x(firstToken)))\" "
                        + "y2=\"\(f(y + height))\" stroke=\"#000\" stroke-width=\"1.2\"/>\n"
                }
            }
        }
        svg += axis(y: axisY, end: end, x: x)
        if let idealNanos {
            let lineX = x(idealNanos)
            svg +=
                "<line x1=\"\(f(lineX))\" y1=\"\(f(top - 12))\" x2=\"\(f(lineX))\" y2=\"\(f(axisY))\" stroke=\"#000\" "
                + "stroke-dasharray=\"5,4\"/>\n"
                + "<text x=\"\(f(lineX + (lineX > right - 90 ? -3 : 3)))\" y=\"\(f(top - 14))\" "
                + "text-anchor=\"\(lineX > right - 90 ? "end" : "start")\">bound \(escape(HumanFormat.milliseconds(Double(idealNanos)))) ms</text>\n"
        }
        var legendX = left
        for (name, colour) in legend {
            svg +=
                "<rect x=\"\(f(legendX))\" y=\"\(f(axisY + 44))\" width=\"12\" height=\"10\" fill=\"\(colour)\"/>"
                + "<text x=\"\(f(legendX + 16))\" y=\"\(f(axisY + 53))\">\(name)</text>\n"
            legendX += 30 + Double(name.count) * 6
        }
        svg += "</svg>\n"
        return svg
    }

    private static func bar(
        _ x1: Double, _ x2: Double, _ y: Double, _ height: Double, _ colour: String, opacity: Double
    )
        -> String
    {
        let width = max(0.5, x2 - x1)
        let fade = opacity < 1 ? " fill-opacity=\"\(opacity)\"" : ""
        return String(
            format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"%@/>\n", x1, y, width,
            height,
            colour, fade)
    }

    /// A time axis in ms with about eight round ticks.
    private static func axis(y: Double, end: Double, x: (Int64) -> Double) -> String {
        let endMs = end / 1e6
        let raw = endMs / 8
        let magnitude = pow(10, floor(log10(max(raw, 1e-6))))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var out = "<line x1=\"\(Int(left))\" y1=\"\(Int(y))\" x2=\"\(Int(right))\" y2=\"\(Int(y))\" stroke=\"#000\"/>\n"
        var tick = 0.0
        while tick <= endMs + step * 1e-9 {
            let tickX = x(Int64(tick * 1e6))
            let label = step < 1 ? String(format: "%.2f", tick) : String(format: "%.0f", tick)
            out +=
                String(
                    format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>", tickX, y, tickX,
                    y + 4)
                + String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>\n", tickX, y + 16, label)
            tick += step
        }
        out +=
            "<text x=\"\(Int((left + right) / 2))\" y=\"\(Int(y + 32))\" text-anchor=\"middle\">time since the repetition started (ms)</text>\n"
        return out
    }

    /// `text` cut to `limit` characters with an ellipsis, so a long title stays on the picture.
    static func clipped(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
