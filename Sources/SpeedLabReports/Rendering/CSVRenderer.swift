import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a report as tidy CSV (RFC 4180: comma separated, CRLF line ends, fields quoted
/// when they hold a comma, quote or line break; one header row; units in column names).
/// Times are nanoseconds and every number is written at full precision: a consumer reads
/// back exactly the values SpeedLab computed (Markdown rounds for people; CSV does not).
public struct CSVRenderer: Sendable {
    public init() {}

    /// `points.csv`: one row per point with every figure of the report, parameters as columns.
    public func points(_ report: SpeedupReport) -> String {
        let rows = report.rows
        let parameterNames = Set(rows.flatMap { $0.parameters.names }).sorted()
        let metricNames = Set(rows.flatMap { $0.counters.keys }).sorted()
        let adaptive = report.run.adaptive != nil
        let openLoop = report.llm.values.contains(where: \.isOpenLoop)
        let fixed =
            Self.pointColumns + (adaptive ? ["median_ci_relative_half_width", "precision_reached"] : [])
            + metricNames.map { "mean_" + $0 } + (report.llm.isEmpty ? [] : LLMPointFigures.columns)
            + (openLoop ? LLMPointFigures.loadColumns : [])
        // A parameter named like a fixed column (a command's `status` or `samples`) is written
        // `param_status`, so every column name is unique.
        let parameterColumns = parameterNames.map { fixed.contains($0) ? "param_" + $0 : $0 }
        let header = Array(fixed.prefix(4)) + parameterColumns + fixed.dropFirst(4)
        var lines = [Self.line(header)]
        for row in rows {
            var fields = [String(report.run.id), String(row.pointID), row.scenario, row.status.rawValue]
            fields += parameterNames.map { row.parameters[$0]?.canonicalText ?? "" }
            fields += [
                String(row.samples), Self.number(row.wall?.value), Self.number(row.wall?.lower),
                Self.number(row.wall?.upper),
                row.baselinePointID.map(String.init) ?? "", Self.number(row.baselineMedianNanos),
                Self.number(row.speedup?.value), Self.number(row.speedup?.lower), Self.number(row.speedup?.upper),
                Self.number(row.idealNanos), Self.number(row.idealSpeedup), Self.number(row.efficiency),
                Self.number(row.cpuUtilisation), row.bottleneck?.rawValue ?? "", String(row.mildOutliers),
                String(row.severeOutliers),
            ]
            if adaptive {
                fields += [Self.number(row.relativeHalfWidth), row.reachedPrecision.map { $0 ? "1" : "0" } ?? ""]
            }
            fields += metricNames.map { Self.number(row.counters[$0]) }
            if !report.llm.isEmpty {
                let medians = report.llm[row.pointID]?.medians ?? [:]
                fields += LLMPointFigures.columns.map { Self.number(medians[$0]) }
                if openLoop { fields += LLMPointFigures.loadColumns.map { Self.number(medians[$0]) } }
            }
            lines.append(Self.line(fields))
        }
        return lines.joined()
    }

    /// The columns of `points.csv` other than the parameters (which follow the first four) and
    /// the adaptive and metric columns (which end it).
    static let pointColumns = [
        "run_id", "point_id", "scenario", "status", "samples", "median_wall_ns", "median_wall_ci_low_ns",
        "median_wall_ci_high_ns", "baseline_point_id", "baseline_median_wall_ns", "speedup", "speedup_ci_low",
        "speedup_ci_high", "ideal_ns", "ideal_speedup", "efficiency", "cpu_utilisation_cores", "bottleneck",
        "mild_outliers", "severe_outliers",
    ]

    /// The header of `samples.csv`.
    public static let samplesHeader = line([
        "run_id", "point_id", "scenario", "repetition", "warmup", "wall_ns", "user_cpu_ns", "system_cpu_ns",
        "voluntary_switches", "involuntary_switches", "peak_rss_bytes", "checksum",
    ])

    /// `samples.csv`: every repetition (warm-ups flagged) in measuring order, formatted by hand
    /// into one preallocated byte buffer, so a million rows take a fraction of a second.
    public func samples(run: RunID, rows: [PointSample], scenarios: [PointID: String]) -> String {
        let header = Array(Self.samplesHeader.utf8)
        let slots = PointSlots(Array(scenarios.keys))
        let quoted = slots.ids.map { Array(Self.field(scenarios[$0] ?? "").utf8) }
        let runField = Array(String(run).utf8)
        // Most bytes a row can take: run id, point id and 9 numbers of at most 20 digits and a
        // sign each, the longest scenario field, 11 commas and CRLF.
        let rowBound = runField.count + 11 * 21 + (quoted.map(\.count).max() ?? 0) + 13
        let capacity = header.count + rows.count * rowBound
        // Written straight into the string's own storage: no second copy of tens of megabytes.
        // Fields are read in place: copying a whole sample would retain its metrics.
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = ByteWriter(buffer: buffer)
            writer.append(header)
            rows.withUnsafeBufferPointer { rows in
                for index in rows.indices {
                    let pointID = rows[index].pointID
                    writer.append(runField)
                    writer.append(UInt8(ascii: ","))
                    writer.append(pointID)
                    writer.append(UInt8(ascii: ","))
                    if let slot = slots[pointID] { writer.append(quoted[slot]) }
                    writer.appendField(Int64(rows[index].sample.repetition))
                    writer.appendField(rows[index].sample.isWarmup ? 1 : 0)
                    writer.appendField(rows[index].sample.wallNanos)
                    writer.appendField(rows[index].sample.userNanos)
                    writer.appendField(rows[index].sample.systemNanos)
                    writer.appendField(rows[index].sample.voluntarySwitches)
                    writer.appendField(rows[index].sample.involuntarySwitches)
                    writer.appendField(rows[index].sample.peakRSSBytes)
                    writer.append(UInt8(ascii: ","))
                    writer.append(magnitude: rows[index].sample.checksum)
                    writer.append(UInt8(13))  // CR LF
                    writer.append(UInt8(10))
                }
            }
            return writer.count
        }
    }

    /// `requests.csv`: one row per stored request of the llm points, times in nanoseconds from
    /// its repetition's start (empty where the request never got there).
    public func requests(_ requests: [PointID: [StoredRequest]]) -> String {
        var lines = [
            Self.line([
                "point_id", "repetition", "request", "scheduled_ns", "sent_ns", "first_byte_ns", "first_token_ns",
                "end_ns",
                "prompt_tokens", "output_tokens", "chunks", "status", "error",
            ])
        ]
        for point in requests.keys.sorted() {
            for stored in requests[point] ?? [] {
                let record = stored.record
                func text(_ value: Int64?) -> String { value.map(String.init) ?? "" }
                lines.append(
                    Self.line([
                        String(point), String(stored.repetition), String(record.request), text(record.scheduledNanos),
                        String(record.sentNanos),
                        text(record.firstByteNanos), text(record.firstTokenNanos), text(record.endNanos),
                        record.promptTokens.map(String.init) ?? "", String(record.outputTokens),
                        String(record.chunks), record.status.map(String.init) ?? "", record.error ?? "",
                    ]))
            }
        }
        return lines.joined()
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field quoted as RFC 4180 requires (only when needed).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A moment as ISO 8601 in UTC, to the second (`2026-11-25T01:02:03Z`).
    static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon))
    }

    /// A number as the shortest text that reads back as the same double (`10035000.5`,
    /// `1.2046`, `1e-05`), or empty when there is none: CSV is for machines, nothing is rounded.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return value.description
    }

    /// A probability with 17 significant digits, enough to read back the same double.
    static func probability(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return String(format: "%.17g", value)
    }
}
