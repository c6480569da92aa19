import Foundation

/// `speedlab-bench`: benchmarks of SpeedLab's own machinery (not of scenarios).
///
///     swift run -c release speedlab-bench store [--samples 1000000] [--points 1000] [--metrics 2]
let usage = "usage: speedlab-bench store [--samples N] [--points N] [--metrics N]"
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

guard arguments.first == "store" else {
    print(usage)
    exit(64)
}
let path = FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-bench.sqlite").path
do {
    try StoreBenchmark(
        samples: max(1, option("--samples", default: 1_000_000)), points: max(1, option("--points", default: 1_000)),
        metricsPerSample: option("--metrics", default: 2), path: path
    ).run()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
