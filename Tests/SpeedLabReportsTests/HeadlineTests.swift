import SpeedLabCore
import Testing

@testable import SpeedLabReports

/// The headline sets the chapter's targets beside a run, comparing like with like.
@Suite struct HeadlineTests {
    static func row(_ scenario: String, _ parameters: [String: ParameterValue], median: Double, speedup: Double?)
        -> PointRow
    {
        PointRow(
            pointID: 1, scenario: scenario, parameters: ParameterPoint(parameters), status: .measured, samples: 5,
            wall: .init(value: median, lower: median, upper: median), baselinePointID: nil, baselineMedianNanos: nil,
            speedup: speedup.map { .init(value: $0, lower: $0, upper: $0) }, idealNanos: nil, idealSpeedup: nil,
            efficiency: nil, cpuUtilisation: nil, bottleneck: nil, mildOutliers: 0, severeOutliers: 0, counters: [:],
            error: nil)
    }

    static let workload: [String: ParameterValue] = [
        "tasks": .integer(32), "latency_ms": .integer(20), "work": .integer(100),
    ]

    @Test func hybridGainIsMeasuredAgainstSinglePatternsWithTheSameMeans() {
        let rows = [
            Self.row(
                "hybrid", Self.workload.merging(["concurrency": .integer(32), "workers": .integer(2)]) { $1 },
                median: 340, speedup: 3.7),
            Self.row(
                "concurrent", Self.workload.merging(["concurrency": .integer(8)]) { $1 }, median: 900, speedup: 1.4),
            Self.row(
                "concurrent", Self.workload.merging(["concurrency": .integer(32)]) { $1 }, median: 650, speedup: 1.9),
            Self.row("parallel", Self.workload.merging(["workers": .integer(2)]) { $1 }, median: 640, speedup: 1.95),
        ]
        let target = Headline.hybrid(rows)
        #expect(target.verdict == .met)
        #expect(target.measured.hasPrefix("+88%"))  // 640 / 340 − 1, not 900 / 340 − 1
    }

    @Test func cpuTargetIsJudgedAgainstTheCoresOfTheMachine() {
        let parallel = [Self.row("parallel", ["workers": .integer(2)], median: 160, speedup: 1.95)]
        #expect(Headline.cpuParallel(parallel, cores: 2).verdict == .cappedByMachine)
        #expect(Headline.cpuParallel(parallel, cores: 16).verdict == .missed)
        let slow = [Self.row("parallel", ["workers": .integer(2)], median: 300, speedup: 1.2)]
        #expect(Headline.cpuParallel(slow, cores: 2).verdict == .missed)
    }

    @Test func ioTargetPrefersPointsWithoutCPUWork() {
        let rows = [
            Self.row("concurrent", ["tasks": .integer(64), "work": .integer(0)], median: 21, speedup: 61),
            Self.row("concurrent", ["tasks": .integer(64), "work": .integer(1_000_000)], median: 600, speedup: 2),
        ]
        let target = Headline.ioConcurrency(rows)
        #expect(target.verdict == .met)
        #expect(target.measured == "61.0× at work=0")
    }
}
