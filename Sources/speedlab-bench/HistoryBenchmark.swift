import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabSQLite
import SpeedLabStore

/// Times `speedlab history` for one point over `runs` stored runs (each with `points` points of
/// 5 samples): reading the series through the indexes and finding its change points.
struct HistoryBenchmark {
    var runs: Int
    var points: Int
    var path: String

    func execute() throws {
        let store = try BenchStore.fresh(at: path)
        var environment = BenchStore.environment(commit: "c0")
        var generator = SystemRandomNumberGenerator()
        for index in 0..<runs {
            environment.gitCommit = "c\(index / 250)"  // a new commit every 250 runs
            let id = try store.createRun(
                NewRun(
                    label: "nightly", sweepName: "bench", sweepYAML: "name: bench\n", sweepSource: "bench",
                    repetitions: 5,
                    warmup: 0, seed: 1, environment: environment, kernelNanosPerUnit: 11))
            let ids = try store.registerPoints(
                (0..<points).map { ordinal in
                    NewPoint(
                        ordinal: ordinal, scenario: "concurrent",
                        parameters: ParameterPoint(["tasks": .integer(ordinal + 1)]),
                        baselineOrdinal: nil)
                }, run: id)
            let level: Int64 = index < runs / 2 ? 10_000_000 : 12_000_000  // a 20% step halfway
            try store.record(
                (0..<points).flatMap { ordinal in
                    (0..<5).map { repetition in
                        PointSample(
                            pointID: ids[
                                PointKey(
                                    scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(ordinal + 1)])
                                )] ?? 0,
                            sample: Sample(
                                repetition: repetition, isWarmup: false,
                                wallNanos: level + Int64.random(in: 0...200_000, using: &generator),
                                userNanos: 100_000, systemNanos: 0, voluntarySwitches: 0, involuntarySwitches: 0,
                                peakRSSBytes: 0,
                                checksum: 1, metrics: [:]))
                    }
                })
            try store.setStatus(.completed, ofRun: id)
        }
        try store.checkpoint()
        let start = ContinuousClock.now
        let filter = HistoryFilter(scenario: "concurrent", parameters: ["tasks": "1"])
        let data = try store.history(filter)
        let read = seconds(since: start)
        let history = HistoryBuilder().build(data, filter: filter)
        let total = seconds(since: start)
        let changes = history.series.first?.changes.map { "run \($0.run.id) (\(fixed1($0.changePercent))%)" } ?? []
        print(
            """
            history benchmark: one point across \(runs) runs (\(points) points each)
              read the series: \(format(read)) s; with change-point detection: \(format(total)) s
              change points: \(changes.joined(separator: ", "))
            """)
    }

    private func fixed1(_ value: Double) -> String { String(format: "%+.1f", value) }
}
