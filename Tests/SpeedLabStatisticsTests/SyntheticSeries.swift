import Foundation
import SpeedLabStatistics

/// Deterministic synthetic timing data for the resampling and change-point tests.
enum SyntheticSeries {
    /// `count` normal draws N(mean, sd²) via Box-Muller on a SplitMix64 stream.
    static func normal(count: Int, mean: Double, standardDeviation: Double, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let u1 = 1 - generator.nextUnitInterval()  // (0, 1], so log is finite
            let u2 = generator.nextUnitInterval()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return mean + standardDeviation * z
        }
    }

    /// Concatenated segments, each (length, level), with `noise` relative noise (1 % by default).
    static func steps(_ segments: [(length: Int, level: Double)], noise: Double = 0.01, seed: UInt64) -> [Double] {
        var series: [Double] = []
        for (offset, segment) in segments.enumerated() {
            series += normal(
                count: segment.length, mean: segment.level,
                standardDeviation: noise * segment.level, seed: seed &+ UInt64(offset))
        }
        return series
    }
}
