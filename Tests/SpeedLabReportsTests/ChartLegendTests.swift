import Foundation
import SpeedLabCore
import Testing

@testable import SpeedLabReports

@Suite struct ChartLegendTests {
    static func row(_ parameters: [String: ParameterValue], speedup: Double) -> PointRow {
        PointRow(
            pointID: 1, scenario: "concurrent", parameters: ParameterPoint(parameters), status: .measured, samples: 5,
            wall: nil, baselinePointID: 0, baselineMedianNanos: nil,
            speedup: .init(value: speedup, lower: speedup * 0.9, upper: speedup * 1.1), idealNanos: nil,
            idealSpeedup: speedup * 1.2, efficiency: nil, cpuUtilisation: nil, bottleneck: nil, mildOutliers: 0,
            severeOutliers: 0, counters: [:], error: nil)
    }

    /// The legend names only parameters that tell its series apart: never `name=-` for a
    /// parameter only some points have, never one with a single value, never one that splits
    /// the points as another does.
    @Test func legendsNameOnlyWhatVariesBetweenSeries() {
        var rows: [PointRow] = []
        for concurrency in [1, 8, 64] {
            for work in [0, 5] {
                var parameters: [String: ParameterValue] = [
                    "concurrency": .integer(concurrency), "work": .integer(work), "dispatch": .text("window"),
                ]
                if work == 5 { parameters["response_bytes"] = .integer(1024) }
                rows.append(Self.row(parameters, speedup: Double(concurrency)))
            }
        }
        let section = SpeedupReport.Section(
            scenario: "concurrent", sweptParameters: ["concurrency", "dispatch", "response_bytes", "work"],
            fixedParameters: ParameterPoint(), rows: rows)
        let chart = SVGChart.charts(for: section).first { $0.fileName == "concurrent-concurrency.svg" }
        let svg = chart?.svg ?? ""
        #expect(svg.contains(">work=0<") && svg.contains(">work=5<"))
        #expect(!svg.contains("=-"))
        #expect(!svg.contains("dispatch="))
        #expect(!svg.contains("response_bytes="))
    }

    /// Many or long legend entries wrap and grow the figure instead of running off its bottom.
    @Test func longLegendsWrapInsideTheFigure() {
        let rows = (0..<12).flatMap { index in
            [1, 8].map { concurrency in
                Self.row(
                    [
                        "concurrency": .integer(concurrency),
                        "label": .text("a-rather-long-value-number-\(index) and more"),
                    ],
                    speedup: Double(concurrency))
            }
        }
        let section = SpeedupReport.Section(
            scenario: "concurrent", sweptParameters: ["concurrency", "label"], fixedParameters: ParameterPoint(),
            rows: rows)
        let svg = SVGChart.charts(for: section).first?.svg ?? ""
        let height = Double(svg.split(separator: "height=\"")[1].prefix { $0 != "\"" }) ?? 0
        let lowest =
            svg.split(separator: "<text x=\"586\" y=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
            .max() ?? 0
        #expect(height > 420)
        #expect(lowest < height)
        for line in svg.split(separator: "\n") where line.hasPrefix("<text x=\"586\"") {
            let text = line.split(separator: ">")[1].prefix { $0 != "<" }
            #expect(text.count <= 21)
        }
    }
}

extension ChartLegendTests {
    /// Points that differ only in a parameter some of them lack (http points beside simulated
    /// ones) are separate series, named by what they have.
    @Test func aParameterOnlySomePointsHaveStillSeparatesTheirSeries() {
        var rows: [PointRow] = []
        for concurrency in [8, 32] {
            rows.append(Self.row(["concurrency": .integer(concurrency), "work": .integer(0)], speedup: 7))
            rows.append(
                Self.row(
                    ["concurrency": .integer(concurrency), "work": .integer(0), "transport": .text("http")], speedup: 6)
            )
        }
        let section = SpeedupReport.Section(
            scenario: "concurrent", sweptParameters: ["concurrency", "transport", "work"],
            fixedParameters: ParameterPoint(), rows: rows)
        let svg = SVGChart.charts(for: section).first?.svg ?? ""
        #expect(svg.contains(">transport=http<"))
        #expect(svg.contains(">measured<"))  // the simulated points: nothing to name
        #expect(!svg.contains("=-"))
        #expect(svg.components(separatedBy: "stroke-width=\"2\" points=").count - 1 == 2)  // two measured lines
    }
}
