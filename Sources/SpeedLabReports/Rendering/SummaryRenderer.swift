import Foundation
import SpeedLabCore

/// The compact speedup summary `speedlab run` prints when it finishes: one line per point
/// that has a baseline, plus the headline verdicts.
public struct SummaryRenderer: Sendable {
    public init() {}

    public func render(_ report: SpeedupReport) -> String {
        var lines: [String] = []
        for section in report.sections {
            let order = Self.labelOrder(section)
            for row in section.rows where row.speedup != nil || row.status == .failed {
                let swept = order.compactMap { name in row.parameters[name].map { "\(name)=\($0.canonicalText)" } }
                    .joined(separator: " ")
                let name = (section.scenario + " " + swept).trimmingCharacters(in: .whitespaces)
                guard row.status != .failed else {
                    lines.append("  \(name.padding(Self.labelWidth)) FAILED")
                    continue
                }
                let speedup = row.speedup.map { "\(HumanFormat.fixed($0.value, 2))×" } ?? "-"
                let ideal = row.idealSpeedup.map { "\(HumanFormat.fixed($0, 2))×" } ?? "-"
                let efficiency = row.efficiency.map { HumanFormat.fixed($0, 2) } ?? "-"
                lines.append(
                    "  \(name.padding(Self.labelWidth)) \(HumanFormat.milliseconds(row.wall?.value).leftPadding(9)) ms  speedup \(speedup.leftPadding(7))"
                        + "  ideal \(ideal.leftPadding(7))  efficiency \(efficiency)")
            }
        }
        var out = "speedups (median wall time, baseline median ÷ median):\n" + lines.joined(separator: "\n") + "\n"
        if !report.headline.isEmpty {
            out +=
                "targets: "
                + report.headline.map {
                    "\($0.target) \($0.measured.split(separator: " ").first ?? "-") (\($0.verdict.rawValue))"
                }
                .joined(separator: "; ") + "\n"
        }
        if let best = report.bestCommandSpeedup {
            out +=
                "best command speedup: \(HumanFormat.fixed(best.speedup.value, 2))× "
                + "(\(best.point) against \(best.baseline))\n"
        }
        for warning in report.warnings { out += "warning: \(warning.message)\n" }
        return out
    }

    static let labelWidth = 66

    /// The swept parameters in the order a one-line label shows them: `transport` first (it
    /// changes what every number means), then those with several values among the points that
    /// have them, then those with one (present on some points only, such as `connections`).
    /// A parameter a point lacks is left out of its label.
    static func labelOrder(_ section: SpeedupReport.Section) -> [String] {
        let swept = section.sweptParameters
        func distinct(_ name: String) -> Int {
            Set(section.rows.compactMap { $0.parameters[name]?.canonicalText }).count
        }
        let first = swept.filter { $0 == "transport" }
        let varied = swept.filter { $0 != "transport" && distinct($0) > 1 }
        let single = swept.filter { $0 != "transport" && distinct($0) <= 1 }
        return first + varied + single
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }

    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
