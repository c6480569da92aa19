import Foundation
import SpeedLabCore
import SpeedLabStore

/// Renders a report as tidy CSV (RFC 4180: comma separated, CRLF line ends, fields quoted
/// when they hold a comma, quote or line break; one header row; units in column names).
public struct CSVRenderer: Sendable {
    public init() {}

    /// `points.csv`: one row per point with every figure of the report, parameters as columns.
    public func points(_ report: SpeedupReport) -> String {
        let rows = report.rows
        let parameterNames = Set(rows.flatMap { $0.parameters.names }).sorted()
        let metricNames = Set(rows.flatMap { $0.counters.keys }).sorted()
        var header = ["run_id", "point_id", "scenario", "status"] + parameterNames
        header += [
            "samples", "median_wall_ms", "median_wall_ci_low_ms", "median_wall_ci_high_ms", "baseline_point_id",
            "baseline_median_wall_ms", "speedup", "speedup_ci_low", "speedup_ci_high", "ideal_ms", "ideal_speedup",
            "efficiency", "cpu_utilisation_cores", "bottleneck", "mild_outliers", "severe_outliers",
        ]
        header += metricNames.map { "mean_" + $0 }
        var lines = [Self.line(header)]
        for row in rows {
            var fields = [String(report.run.id), String(row.pointID), row.scenario, row.status.rawValue]
            fields += parameterNames.map { row.parameters[$0]?.canonicalText ?? "" }
            fields += [
                String(row.samples), Self.ms(row.wall?.value), Self.ms(row.wall?.lower), Self.ms(row.wall?.upper),
                row.baselinePointID.map(String.init) ?? "", Self.ms(row.baselineMedianNanos),
                Self.number(row.speedup?.value), Self.number(row.speedup?.lower), Self.number(row.speedup?.upper),
                Self.ms(row.idealNanos), Self.number(row.idealSpeedup), Self.number(row.efficiency),
                Self.number(row.cpuUtilisation), row.bottleneck?.rawValue ?? "", String(row.mildOutliers),
                String(row.severeOutliers),
            ]
            fields += metricNames.map { Self.number(row.counters[$0]) }
            lines.append(Self.line(fields))
        }
        return lines.joined()
    }

    /// The header of `samples.csv`.
    public static let samplesHeader = line([
        "run_id", "point_id", "scenario", "repetition", "warmup", "wall_ns", "user_cpu_ns", "system_cpu_ns",
        "voluntary_switches", "involuntary_switches", "peak_rss_bytes", "checksum",
    ])

    /// `samples.csv`: every repetition (warm-ups flagged), streamed from `forEach` into one
    /// byte buffer with integer formatting done by hand, so a million rows take well under a second.
    public func samples(
        run: RunID, scenarios: [PointID: String], forEach: ((SampleRow) throws -> Void) throws -> Void
    ) rethrows -> String {
        var buffer: [UInt8] = Array(Self.samplesHeader.utf8)
        buffer.reserveCapacity(1 << 20)
        let quotedScenarios = scenarios.mapValues { Array(Self.field($0).utf8) }
        let runField = Array(String(run).utf8)
        try forEach { sample in
            buffer.append(contentsOf: runField)
            buffer.append(UInt8(ascii: ","))
            Self.append(sample.pointID, to: &buffer)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: quotedScenarios[sample.pointID] ?? [])
            for value in [
                sample.repetition, sample.isWarmup ? 1 : 0, sample.wallNanos, sample.userNanos, sample.systemNanos,
                sample.voluntarySwitches, sample.involuntarySwitches, sample.peakRSSBytes,
            ] {
                buffer.append(UInt8(ascii: ","))
                Self.append(value, to: &buffer)
            }
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: String(sample.checksum).utf8)
            buffer.append(contentsOf: [13, 10])
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field quoted as RFC 4180 requires (only when needed).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func ms(_ nanos: Double?) -> String {
        guard let nanos, nanos.isFinite else { return "" }
        return fixed(nanos / 1e6, 4)
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return fixed(value, 4)
    }

    private static func append(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }
}
