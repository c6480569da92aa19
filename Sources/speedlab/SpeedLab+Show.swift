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
                let llm = points.filter { $0.scenario == "llm" }
                if !llm.isEmpty {
                    print(
                        "\n" + Self.requestTable(llm, requests: try runs.requests(ofPoints: llm.map(\.id))),
                        terminator: "")
                }
            } catch {
                throw SpeedLabExitCode.report(error)
            }
        }

        /// The stored requests of the llm points: how many, how many failed, and the exact
        /// percentiles of ttft and itl over every successful request of every measured repetition.
        static func requestTable(_ points: [StoredPoint], requests: [PointID: [StoredRequest]]) -> String {
            var table = TextTable(
                header: [
                    "point", "requests", "errors", "ttft p50 ms", "ttft p99 ms", "itl p50 ms", "itl p99 ms",
                    "output tokens",
                ],
                rightAligned: [0, 1, 2, 3, 4, 5, 6, 7])
            for point in points {
                let stored = requests[point.id] ?? []
                let succeeded = stored.map(\.record).filter { $0.error == nil }
                let ttft = succeeded.compactMap { record in record.firstTokenNanos.map { Double($0 - record.sentNanos) }
                }
                let itl = succeeded.flatMap { record in
                    zip(record.arrivals, record.arrivals.dropFirst()).map { Double($1 - $0) }
                }
                func percentile(_ values: [Double], _ p: Double) -> String {
                    guard !values.isEmpty else { return "-" }
                    return HumanFormat.fixed(Metric.nearestRank(p, ofSorted: values.sorted()) / 1e6, 2)
                }
                let sources = Set(succeeded.map(\.tokenSource)).sorted().joined(separator: "+")
                table.rows.append([
                    String(point.id), String(stored.count), String(stored.count - succeeded.count),
                    percentile(ttft, 0.5), percentile(ttft, 0.99), percentile(itl, 0.5), percentile(itl, 0.99),
                    sources.isEmpty ? "-" : "from " + sources,
                ])
            }
            return "requests of the llm points (measured repetitions; nearest-rank percentiles over every request):\n"
                + table.render()
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
