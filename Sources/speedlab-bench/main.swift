import Foundation

/// `speedlab-bench`: benchmarks of SpeedLab's own machinery (not of scenarios).
///
///     swift run -c release speedlab-bench store  [--samples 1000000] [--points 1000] [--metrics 2]
///     swift run -c release speedlab-bench report [--samples 1000000] [--points 1000] [--metrics 2]
///     swift run -c release speedlab-bench io [--tasks 1024] [--latency-ms 20]
///     swift run -c release speedlab-bench history [--runs 1000] [--points 3]
///     swift run -c release speedlab-bench changepoints [--seeds 20]
///     swift run -c release speedlab-bench harness [--max 1000000]
///     swift run -c release speedlab-bench services [--connections 64] [--seconds 5] [--held 4000]
///     swift run -c release speedlab-bench tracer [--spans 1000000] [--tasks 1000]
///     swift run -c release speedlab-bench site [--runs 1000] [--points 100] [--out DIR] [--keep 1]
///     swift run -c release speedlab-bench streams [--chunks 1000000] [--requests 1000] [--chunks-per-request 64] [--repetitions 20] [--postgres URL]
///     swift run -c release speedlab-bench backends [--postgres URL] [--samples 100000] [--points 100] [--runs 1000] [--import PATH]
let usage =
    "usage: speedlab-bench store|report [--samples N] [--points N] [--metrics N] | io [--tasks N] [--latency-ms L] | history [--runs N] [--points N] | changepoints [--seeds N] | harness [--max N] | services [--connections N] [--seconds N] [--held N] | tracer [--spans N] [--tasks N] | site [--runs N] [--points N] [--out DIR] [--keep 1] | backends [--postgres URL] [--samples N] [--points N] [--runs N] [--import PATH] | streams [--chunks N] [--requests N] [--chunks-per-request N] [--repetitions N] [--postgres URL]"
let arguments = Array(CommandLine.arguments.dropFirst())

/// The whole-number value after `flag`, or `fallback`.
func option(_ flag: String, default fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return fallback }
    guard let value = Int(arguments[index + 1]), value >= 0 else {
        FileHandle.standardError.write(Data("error: \(flag) takes a whole number\n\(usage)\n".utf8))
        exit(64)
    }
    return value
}

/// The text after `flag`, or nil.
func textOption(_ flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let run = SyntheticRun(
    samples: max(1, option("--samples", default: 1_000_000)), points: max(2, option("--points", default: 1_000)),
    metricsPerSample: option("--metrics", default: 2),
    path: FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench.sqlite").path)
do {
    switch arguments.first {
    case "store": try StoreBenchmark(run: run).execute()
    case "report": try ReportBenchmark(run: run).execute()
    case "history":
        try HistoryBenchmark(
            runs: max(2, option("--runs", default: 1_000)), points: max(1, option("--points", default: 3)),
            path: FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench-history.sqlite").path
        ).execute()
    case "backends":
        try BackendsBenchmark(
            postgres: textOption("--postgres"), samples: max(1, option("--samples", default: 100_000)),
            points: max(2, option("--points", default: 100)), historyRuns: max(2, option("--runs", default: 1_000)),
            importSource: textOption("--import")
        ).execute()
    case "site":
        try SiteBenchmark(
            runs: max(2, option("--runs", default: 1_000)), points: max(1, option("--points", default: 100)),
            folder: textOption("--out")
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench-site").path,
            keep: option("--keep", default: 0) == 1
        ).execute()
    case "changepoints": try ChangePointBenchmark(seeds: max(1, option("--seeds", default: 20))).execute()
    case "harness":
        let done = DispatchSemaphore(value: 0)
        let largest = max(1_000, option("--max", default: 1_000_000))
        let sizes = [1_000, 10_000, 100_000, 1_000_000].filter { $0 <= largest }
        Task.detached {
            do { try await HarnessBenchmark(sizes: sizes).execute() } catch { print("error: \(error)") }
            done.signal()
        }
        done.wait()
    case "io":
        // Top-level code runs on the main actor: measure on a detached task, wait here.
        let done = DispatchSemaphore(value: 0)
        let benchmark = IOOverheadBenchmark(
            tasks: max(1, option("--tasks", default: 1024)), latencyMs: Double(option("--latency-ms", default: 20)))
        Task.detached {
            do { try await benchmark.execute() } catch { print("error: \(error)") }
            done.signal()
        }
        done.wait()
    case "tracer":
        let done = DispatchSemaphore(value: 0)
        let benchmark = TracerBenchmark(
            spans: max(1, option("--spans", default: 1_000_000)), tasks: max(1, option("--tasks", default: 1_000)))
        Task.detached {
            do { try await benchmark.execute() } catch { print("error: \(error)") }
            done.signal()
        }
        done.wait()
    case "streams":
        try StreamBenchmark(
            chunks: max(1, option("--chunks", default: 1_000_000)),
            requests: max(1, option("--requests", default: 1_000)),
            chunksPerRequest: max(1, option("--chunks-per-request", default: 64)),
            repetitions: max(1, option("--repetitions", default: 20)), database: textOption("--postgres")
        ).execute()
    case "services":
        #if HTTPTransport
            let done = DispatchSemaphore(value: 0)
            let benchmark = ServicesCapacityBenchmark(
                connections: max(1, option("--connections", default: 64)),
                durationSeconds: max(1, option("--seconds", default: 5)),
                held: max(1, option("--held", default: 4_000)))
            Task.detached {
                do { try await benchmark.execute() } catch { print("error: \(error)") }
                done.signal()
            }
            done.wait()
        #else
            print("error: this speedlab-bench was built without the HTTPTransport trait")
            exit(69)
        #endif
    default:
        print(usage)
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
