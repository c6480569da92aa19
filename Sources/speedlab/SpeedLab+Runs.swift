import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabStore

extension SpeedLab {
    /// `speedlab runs`: every stored run, one line each.
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored runs: id, start, label, status, points, samples, duration, host.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let runs = try store.open(.read)
            let list: [StoredRun]
            do { list = try runs.runs() } catch { throw SpeedLabExitCode.report(error) }
            guard !list.isEmpty else {
                print("no runs in \(runs.location) yet. Start one with `speedlab run`.")
                return
            }
            var table = TextTable(
                header: ["id", "started (UTC)", "label", "status", "points", "samples", "duration", "host"],
                rightAligned: [0, 4, 5, 6])
            for run in list {
                table.rows.append([
                    String(run.id), HumanFormat.timestamp(run.startedAt),
                    TerminalText.safe(run.label ?? "-", limit: 40), run.status.rawValue,
                    String(run.pointCount), String(run.sampleCount),
                    HumanFormat.duration(seconds: run.durationSeconds()),
                    run.environment.host,
                ])
            }
            print(table.render(), terminator: "")
        }
    }
}
