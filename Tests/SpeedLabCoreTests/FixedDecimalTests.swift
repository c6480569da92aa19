import Foundation
import Testing

@testable import SpeedLabCore

@Suite("Fixed decimals without printf")
struct FixedDecimalTests {
    /// Values across magnitudes and signs, exact halves at several decimals (which round to
    /// even), decimal literals that lie just off a half (1.005, 2.675), zeros of both signs,
    /// tiny negatives that round to -0, and values at the edge of the fast path.
    private static func values() -> [Double] {
        var values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 2.675, 0.045, 1e-7, -1e-7, -0.0004, 0.9995,
            9.9995, 99.95, 999.5, 0x1p52 / 10, 0x1p52 / 1000, 4_503_599_627_370_495.5, 1e15, 1e16, 123_456_789.125,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .ulpOfOne,
        ]
        var generator = SplitMix(state: 0x5EED)
        for _ in 0..<4_000 {
            let exponent = Double.random(in: -8...14, using: &generator)
            let value = Double.random(in: 1..<10, using: &generator) * pow(10, exponent.rounded(.down))
            values.append(Bool.random(using: &generator) ? value : -value)
            // Halves at the third and first decimals: k/2000 and k/20.
            let k = Double(Int.random(in: -2_000_000...2_000_000, using: &generator))
            values.append(k / 2000)
            values.append(k / 20 + 0.05)
        }
        return values
    }

    @Test func fixedGivesPrintfsTextForEveryValueAndDecimalCount() {
        for value in Self.values() {
            for digits in [0, 1, 2, 3, 4, 6, 9, 15] {
                let expected = String(format: "%.\(digits)f", value)
                #expect(HumanFormat.fixed(value, digits) == expected, "\(value) with \(digits) decimals")
            }
        }
    }

    @Test func theFastPathAppliesToEverydayValuesAndDeclinesWhatItCannotScaleExactly() {
        #expect(FixedDecimal.format(12.345, digits: 2) == "12.35", "12.345 is stored as 12.3450000000000006…")
        #expect(FixedDecimal.format(0.125, digits: 2) == "0.12", "an exact half rounds to even")
        #expect(FixedDecimal.format(-0.001, digits: 2) == "-0.00")
        #expect(FixedDecimal.format(1e300, digits: 1) == nil)
        #expect(FixedDecimal.format(.nan, digits: 1) == nil)
        #expect(FixedDecimal.format(1, digits: 16) == nil)
    }

    /// A fixed sequence, so the sampled values are the same on every run.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
