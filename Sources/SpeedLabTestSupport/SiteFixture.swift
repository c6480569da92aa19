import Foundation
import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStore

/// Stores behind the site's golden files, browser tests and benchmark: fixed samples on fixed
/// dates, never a live timing.
///
/// ``small()``: host `bench-a` has ten nightly runs of a sequential baseline and two
/// concurrent points; `concurrency=16` steps from 2.0 ms to 2.6 ms at run 6, where the commit
/// changes. Host `bench-b` has three nightly runs of the same points. Run 14, on `bench-a`,
/// carries a hostile label and a hostile parameter value.
public enum SiteFixture {
    public static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// The small store, in a new temporary folder.
    public static func small() throws -> (SQLiteRunStore, TemporaryDirectory) {
        let folder = try TemporaryDirectory()
        let store = try SQLiteRunStore(path: folder.path("site.sqlite"))
        for index in 1...13 {
            let host = index <= 10 ? "bench-a" : "bench-b"
            let commit = index < 6 || index > 10 ? "aaaa1111" : "bbbb2222"
            try addRun(
                to: store, index: index, host: host, commit: commit, label: "nightly",
                points: standardPoints { concurrency in
                    concurrency == 16 && index >= 6 && index <= 10 ? 2.6 : nil
                })
        }
        let hostile = "<script>alert(\"label\")</script>\u{1B}[31m"
        try addRun(
            to: store, index: 14, host: "bench-a", commit: "cccc3333", label: hostile,
            points: [
                Point(
                    scenario: "concurrent",
                    parameters: ["note": .text("<img src=x onerror=alert(1)>&amp;\"'"), "tasks": .integer(16)],
                    baseline: nil, millis: 3.0)
            ])
        return (store, folder)
    }

    /// A large store: `runs` nightly runs of `points` points each, every point on its own
    /// level with a step at two thirds of the runs for one point in ten.
    public static func large(runs: Int, points: Int, repetitions: Int = 5, path: String) throws -> SQLiteRunStore {
        let store = try SQLiteRunStore(path: path)
        try append(to: store, runs: 1...runs, points: points, repetitions: repetitions, total: runs)
        return store
    }

    /// Adds runs `range` of the large store (so a benchmark can add one more run later).
    public static func append(
        to store: SQLiteRunStore, runs range: ClosedRange<Int>, points: Int, repetitions: Int = 5, total: Int
    )
        throws
    {
        for index in range {
            let list = (0..<points).map { ordinal -> Point in
                let level = 1.0 + Double(ordinal % 17) * 0.5
                let stepped = ordinal % 10 == 3 && index > total * 2 / 3
                return Point(
                    scenario: ordinal == 0 ? "sequential" : "concurrent",
                    parameters: ["concurrency": .integer(ordinal + 1), "tasks": .integer(64)],
                    baseline: ordinal == 0 ? nil : 0, millis: stepped ? level * 1.3 : level)
            }
            try addRun(
                to: store, index: index, host: "bench-a", commit: index > total * 2 / 3 ? "bbbb2222" : "aaaa1111",
                label: "nightly", points: list, repetitions: repetitions)
        }
    }

    /// A point of a fixture run: its key, its baseline's ordinal and its level in ms.
    public struct Point: Sendable {
        public var scenario: String
        public var parameters: [String: ParameterValue]
        public var baseline: Int?
        public var millis: Double
    }

    public static func standardPoints(step: (Int) -> Double?) -> [Point] {
        [
            Point(scenario: "sequential", parameters: ["tasks": .integer(16)], baseline: nil, millis: 16.0),
            Point(
                scenario: "concurrent", parameters: ["concurrency": .integer(4), "tasks": .integer(16)], baseline: 0,
                millis: step(4) ?? 4.1),
            Point(
                scenario: "concurrent", parameters: ["concurrency": .integer(16), "tasks": .integer(16)], baseline: 0,
                millis: step(16) ?? 2.0),
        ]
    }

    public static func addRun(
        to store: SQLiteRunStore, index: Int, host: String, commit: String, label: String, points: [Point],
        repetitions: Int = 5
    ) throws {
        var run = SampleFactory.newRun(label: label)
        run.environment = SampleFactory.environment(host: host)
        run.environment.gitCommit = commit
        run.repetitions = repetitions
        let started = start.addingTimeInterval(Double(index) * 86_400)
        let id = try store.createRun(run, startedAt: started)
        let newPoints = points.enumerated().map { ordinal, point in
            NewPoint(
                ordinal: ordinal, scenario: point.scenario, parameters: ParameterPoint(point.parameters),
                baselineOrdinal: point.baseline, idealNanos: Int64(point.millis * 0.8e6))
        }
        let ids = try store.registerPoints(newPoints, run: id)
        var samples: [PointSample] = []
        for repetition in 0..<repetitions {
            for (ordinal, point) in points.enumerated() {
                let jitter = Double((index * 7 + repetition * 3 + ordinal * 5) % 5) * 0.01 * point.millis
                samples.append(
                    PointSample(
                        pointID: ids[newPoints[ordinal].key] ?? 0,
                        sample: SampleFactory.sample(repetition: repetition, wallMillis: point.millis + jitter)))
            }
        }
        try store.record(samples)
        try store.setStatus(.completed, ofRun: id, at: started.addingTimeInterval(60))
    }
}
