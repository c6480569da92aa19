import Foundation
import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStore

/// The store behind the history golden files (`fixtures/golden/history/`): twelve nightly runs
/// of two points; `tasks=8` steps from 10 ms to 13 ms at run 7 (where the commit changes);
/// `tasks=64` stays at 20 ms but for one slow run (run 4). Fixed samples, never a live timing.
public enum HistoryFixture {
    /// A new SQLite store in a temporary folder, filled with the twelve runs.
    public static func store() throws -> (SQLiteRunStore, TemporaryDirectory) {
        let folder = try TemporaryDirectory()
        let store = try SQLiteRunStore(path: folder.path("history.sqlite"))
        for index in 1...12 {
            var run = SampleFactory.newRun(label: "nightly")
            run.environment.gitCommit = index < 7 ? "aaaa1111" : "bbbb2222"
            let id = try store.createRun(
                run, startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 86_400))
            let points = [8, 64].enumerated().map { ordinal, tasks in
                NewPoint(
                    ordinal: ordinal, scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(tasks)]),
                    baselineOrdinal: nil)
            }
            let ids = try store.registerPoints(points, run: id)
            var samples: [PointSample] = []
            for repetition in 0..<5 {
                let jitter = Double((index * 7 + repetition * 3) % 5) * 0.02
                let step = (index < 7 ? 10.0 : 13.0) + jitter
                let flat = (index == 4 ? 30.0 : 20.0) + jitter
                samples.append(
                    PointSample(
                        pointID: ids[points[0].key] ?? 0,
                        sample: SampleFactory.sample(repetition: repetition, wallMillis: step)))
                samples.append(
                    PointSample(
                        pointID: ids[points[1].key] ?? 0,
                        sample: SampleFactory.sample(repetition: repetition, wallMillis: flat)))
            }
            try store.record(samples)
            try store.setStatus(.completed, ofRun: id)
        }
        return (store, folder)
    }
}
