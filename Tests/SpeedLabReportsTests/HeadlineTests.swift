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

    static func command(_ id: PointID, _ concurrency: Int, median: Double, speedup: Double?, baseline: PointID?)
        -> PointRow
    {
        var row = Self.row("agent-py", ["concurrency": .integer(concurrency)], median: median, speedup: speedup)
        row.pointID = id
        row.baselinePointID = baseline
        row.command = CommandRecord(
            template: "python3 agent.py -c {concurrency}", argv: ["python3", "agent.py", "-c", "\(concurrency)"],
            directory: "/", executable: "/usr/bin/python3", executableHash: "0", shell: false)
        return row
    }

    @Test func aSweepOfCommandsOnlyHeadlinesItsBestSpeedupNotTheChaptersTargets() throws {
        let rows = [
            Self.command(1, 1, median: 1_000, speedup: nil, baseline: nil),
            Self.command(2, 8, median: 200, speedup: 5, baseline: 1),
            Self.command(3, 32, median: 125, speedup: 8, baseline: 1),
        ]
        #expect(Headline.make(rows: rows, cores: 2).isEmpty)
        let best = try #require(Headline.bestCommandSpeedup(rows: rows))
        #expect(best.point == "agent-py concurrency=32")
        #expect(best.baseline == "agent-py concurrency=1")
        #expect(best.speedup.value == 8)
        #expect(Headline.bestCommandSpeedup(rows: [rows[0]]) == nil)  // no baseline: nothing to headline
        // Beside a built-in scenario, the chapter's targets are back.
        let mixed = rows + [Self.row("concurrent", Self.workload, median: 30, speedup: 9)]
        #expect(Headline.make(rows: mixed, cores: 2).count == 4)
        #expect(Headline.bestCommandSpeedup(rows: mixed)?.speedup.value == 8)  // the concurrent point is not a command
    }

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
