import Foundation
import SpeedLabStatistics

/// Precision and recall of `history`'s change-point detector over a seeded, generated set of
/// series: flat ones (any change point is false), single steps from 2 % to 30 % at 4 to 10 σ,
/// series with two and three steps, and flat ones with one run 50 % slower (not a change).
/// A found change point within ±2 runs of a true step counts as found.
struct ChangePointBenchmark {
    var seeds: Int

    struct Tally {
        var truePositives = 0
        var falsePositives = 0
        var steps = 0
        var series = 0

        var recall: Double { steps == 0 ? .nan : Double(truePositives) / Double(steps) }
        var precision: Double {
            truePositives + falsePositives == 0 ? .nan : Double(truePositives) / Double(truePositives + falsePositives)
        }

        mutating func score(found: [Int], truth: [Int]) {
            series += 1
            steps += truth.count
            var unmatched = truth
            for index in found {
                if let match = unmatched.firstIndex(where: { abs($0 - index) <= 2 }) {
                    unmatched.remove(at: match)
                    truePositives += 1
                } else {
                    falsePositives += 1
                }
            }
        }
    }

    func execute() throws {
        let detector = EDivisive()
        var groups: [(String, Tally)] = []
        var flat = Tally()
        for length in [20, 50, 100, 200, 500] {
            for noise in [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05] {
                for seed in 0..<seeds {
                    let series = Self.steps([(length, 100)], noise: noise, seed: UInt64(seed * 7_919 + length))
                    flat.score(found: try detector.changePoints(in: series).map(\.index), truth: [])
                }
            }
        }
        groups.append(("flat (lengths 20–500, noise 0.1–5 %)", flat))
        for sigmas in [4.0, 5.0, 6.0, 8.0, 10.0] {
            var tally = Tally()
            for step in [0.02, 0.03, 0.05, 0.1, 0.2, 0.3] {
                for seed in 0..<seeds {
                    let series = Self.steps(
                        [(100, 100), (100, 100 * (1 + step))], noise: step / sigmas, seed: UInt64(seed * 104_729))
                    tally.score(found: try detector.changePoints(in: series).map(\.index), truth: [100])
                }
            }
            groups.append(("one step of 2–30 % at \(Int(sigmas)) σ", tally))
        }
        var several = Tally()
        for seed in 0..<seeds {
            let two = Self.steps([(80, 100), (80, 105), (80, 99)], noise: 0.01, seed: UInt64(seed * 31 + 1))
            several.score(found: try detector.changePoints(in: two).map(\.index), truth: [80, 160])
            let three = Self.steps(
                [(60, 100), (60, 110), (60, 104), (60, 120)], noise: 0.01, seed: UInt64(seed * 37 + 2))
            several.score(found: try detector.changePoints(in: three).map(\.index), truth: [60, 120, 180])
        }
        groups.append(("two and three steps of 5–15 % at 1 % noise", several))
        var outliers = Tally()
        for seed in 0..<seeds {
            var series = Self.steps([(200, 100)], noise: 0.005, seed: UInt64(seed * 53 + 3))
            series[(seed * 41) % 200] *= 1.5
            outliers.score(found: try detector.changePoints(in: series).map(\.index), truth: [])
        }
        groups.append(("one run 50 % slower in a flat series", outliers))

        print("change points: E-divisive, minimum change max(1 %, 3σ̂), \(seeds) seeds per setting")
        print("| series | count | true steps | found | false | recall | precision |")
        print("|---|---|---|---|---|---|---|")
        var total = Tally()
        for (name, tally) in groups {
            total.truePositives += tally.truePositives
            total.falsePositives += tally.falsePositives
            total.steps += tally.steps
            total.series += tally.series
            print(
                "| \(name) | \(tally.series) | \(tally.steps) | \(tally.truePositives) | \(tally.falsePositives) | "
                    + "\(Self.percent(tally.recall)) | \(Self.percent(tally.precision)) |")
        }
        print(
            "| all | \(total.series) | \(total.steps) | \(total.truePositives) | \(total.falsePositives) | "
                + "\(Self.percent(total.recall)) | \(Self.percent(total.precision)) |")
    }

    static func percent(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f %%", value * 100) : "-"
    }

    /// Concatenated normal segments (Box-Muller on a seeded SplitMix64 stream).
    static func steps(_ segments: [(length: Int, level: Double)], noise: Double, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var series: [Double] = []
        for segment in segments {
            for _ in 0..<segment.length {
                let u1 = 1 - generator.nextUnitInterval()
                let u2 = generator.nextUnitInterval()
                let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                series.append(segment.level * (1 + noise * z))
            }
        }
        return series
    }
}
