import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabStatistics
import SpeedLabStore

extension SpeedLab {
    /// `speedlab show RUN`: a run's environment and its points.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a run's environment and its points (median wall time, ideal time, status).")

        @OptionGroup var store: StoreOptions
        @Argument(help: "A run id, a label, `latest` or `latest~N`.")
        var run = RunReference.latest

        func run() async throws {
            let runs = try store.open(.read)
            do {
                let id = try runs.resolveRun(run.selector)
                let stored = try runs.run(id)
                let points = try runs.points(ofRun: id)
                let timings = try runs.measuredSamples(ofRun: id)
                print(Self.header(stored))
                var table = TextTable(
                    header: [
                        "point", "scenario", "parameters", "samples", "median ms", "ideal ms", "baseline", "status",
                    ],
                    rightAligned: [0, 3, 4, 5, 6])
                for point in points {
                    let wall = timings[point.id]?.wallNanos ?? []
                    let median = (try? SortedSample(wall))?.median
                    table.rows.append([
                        String(point.id), point.scenario, point.parameters.description, String(wall.count),
                        HumanFormat.milliseconds(median),
                        point.idealNanos.map { HumanFormat.milliseconds(Double($0)) } ?? "-",
                        point.baselinePointID.map(String.init) ?? "-",
                        point.status.rawValue + (point.error.map { ": \($0)" } ?? ""),
                    ])
                }
                print(table.render(), terminator: "")
            } catch {
                throw SpeedLabExitCode.report(error)
            }
        }

        static func header(_ run: StoredRun) -> String {
            let env = run.environment
            var lines = [
                TerminalText.safe(
                    "run \(run.id)\(run.label.map { " (\($0))" } ?? ""): \(run.sweepName) from \(run.sweepSource), "
                        + run.status.rawValue, limit: 200),
                "started   \(HumanFormat.timestamp(run.startedAt)) UTC, took \(HumanFormat.duration(seconds: run.durationSeconds()))",
                "schedule  \(run.repetitions) repetitions after \(run.warmup) warm-up, seed \(run.seed)",
                "host      \(env.host) — \(env.cpuModel), \(env.logicalCores) logical cores, \(HumanFormat.bytes(env.memoryBytes))",
                "system    \(env.operatingSystem), \(env.kernel), load \(HumanFormat.fixed(env.loadAverage, 2)) at start",
                "toolchain Swift \(env.swiftVersion), \(env.buildConfiguration) build, speedlab \(env.toolVersion)"
                    + (env.gitCommit.map { ", commit \($0)" } ?? ""),
            ]
            if let roundTrip = run.httpRoundTripNanos {
                lines.append("http      round trip of an empty request \(HumanFormat.fixed(roundTrip / 1e3, 1)) µs")
            }
            if env.isDebugBuild {
                lines.append("WARNING   debug build: timings are not representative; measure a release build.")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
