import Foundation

/// The known answers produced by `fixtures/statistics/make_known_answers.py`.
///
/// Loaded from the package root's `fixtures/statistics/known_answers.json`,
/// found relative to this file (Tests/SpeedLabStatisticsTests/ → up three levels).
struct KnownAnswers: Decodable, Sendable {
    struct Quantile: Decodable, Sendable {
        let p: Double
        let value: Double
    }
    struct Descriptive: Decodable, Sendable, CustomTestStringConvertibleName {
        let name: String
        let values: [Double]
        let count: Int
        let mean: Double
        let median: Double
        let standardDeviation: Double?
        let mad: Double
        let scaledMAD: Double
        let min: Double
        let max: Double
        let quantiles: [Quantile]
    }
    struct Tukey: Decodable, Sendable, CustomTestStringConvertibleName {
        let name: String
        let values: [Double]
        let q1: Double
        let q3: Double
        let classes: [String]
    }
    struct MedianCICase: Decodable, Sendable, CustomTestStringConvertibleName {
        let n: Int
        let level: Double
        let lowerRank: Int
        let upperRank: Int
        let coverage: Double
        let levelReached: Bool
        var name: String { "n=\(n) level=\(level)" }
    }
    struct MedianCISample: Decodable, Sendable {
        let lowerRank: Int
        let upperRank: Int
        let coverage: Double
        let lower: Double
        let upper: Double
    }
    struct MedianCI: Decodable, Sendable {
        let cases: [MedianCICase]
        let sample: [Double]
        let sampleAnswer: MedianCISample
    }
    struct MannWhitney: Decodable, Sendable, CustomTestStringConvertibleName {
        let name: String
        let x: [Double]
        let y: [Double]
        let u: Double
        let p: Double
        let method: String
    }
    struct HodgesLehmann: Decodable, Sendable, CustomTestStringConvertibleName {
        let x: [Double]
        let y: [Double]
        let level: Double
        let estimate: Double
        let k: Int
        let lower: Double
        let upper: Double
        let coverage: Double
        let method: String
        let levelReached: Bool
        var name: String { "\(x.count)x\(y.count) level=\(level)" }
    }
    struct BenjaminiHochberg: Decodable, Sendable, CustomTestStringConvertibleName {
        let p: [Double]
        let adjusted: [Double]
        var name: String { "\(p.count) p-values" }
    }
    struct MinimumDetectableChange: Decodable, Sendable, CustomTestStringConvertibleName {
        let n1: Int
        let n2: Int
        let noise: Double
        let baseline: Double
        let alpha: Double
        let power: Double
        let absolute: Double
        let relative: Double
        var name: String { "\(n1)x\(n2) σ=\(noise)" }
    }
    struct NormalPoint: Decodable, Sendable {
        let x: Double
        let value: Double
    }
    struct NormalQuantile: Decodable, Sendable {
        let p: Double
        let value: Double
    }
    struct Normal: Decodable, Sendable {
        let cdf: [NormalPoint]
        let quantile: [NormalQuantile]
    }
    struct SplitMix: Decodable, Sendable {
        let seed: UInt64
        let outputs: [String]
    }

    let descriptive: [Descriptive]
    let tukey: [Tukey]
    let medianConfidenceInterval: MedianCI
    let mannWhitney: [MannWhitney]
    let hodgesLehmann: [HodgesLehmann]
    let benjaminiHochberg: [BenjaminiHochberg]
    let minimumDetectableChange: [MinimumDetectableChange]
    let normal: Normal
    let splitMix64: [SplitMix]

    /// Parsed once; a missing or malformed file fails every test that uses it.
    static let shared: KnownAnswers = load()

    static var fileURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("fixtures/statistics/known_answers.json")
    }

    private static func load() -> KnownAnswers {
        do {
            let data = try Data(contentsOf: fileURL)
            return try JSONDecoder().decode(KnownAnswers.self, from: data)
        } catch {
            fatalError("cannot load \(fileURL.path): \(error)")
        }
    }
}

/// Gives fixture rows a readable name in test output.
protocol CustomTestStringConvertibleName: CustomStringConvertible {
    var name: String { get }
}

extension CustomTestStringConvertibleName {
    var description: String { name }
}

/// |actual − expected| ≤ max(absolute, relative · |expected|).
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
    if actual == expected { return true }
    return abs(actual - expected) <= max(absolute, relative * abs(expected))
}
