import Foundation

/// The standard normal distribution: CDF, survival function and quantile.
///
/// Needed for the asymptotic Mann-Whitney p-value, the normal-approximate
/// Moses interval and the minimum detectable change.
/// - `cdf(x)` = ½·erfc(−x/√2) and `survival(x)` = ½·erfc(x/√2), which keep full
///   relative precision deep in the tails (this is how scipy's `ndtr` works).
/// - `quantile(p)` starts from Abramowitz & Stegun 26.2.23 (error < 4.5e-4) and
///   polishes it with Halley steps on the erfc-based CDF, giving close to double
///   precision over (1e-300, 1 − 1e-16).
public enum NormalDistribution {
    /// P(Z ≤ x).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// P(Z > x) = 1 − cdf(x), accurate for large x.
    public static func survival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// Density φ(x).
    public static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// The x with P(Z ≤ x) = p. Returns −∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        // Work in the lower tail, where the CDF is computed without cancellation.
        let lowerTail = Swift.min(p, 1 - p)
        let magnitude = lowerTailMagnitude(lowerTail)
        return p < 0.5 ? -magnitude : magnitude
    }

    /// |x| for P(Z ≤ −|x|) = tail, with 0 < tail < 0.5.
    private static func lowerTailMagnitude(_ tail: Double) -> Double {
        let t = (-2 * log(tail)).squareRoot()
        let numerator = 2.515517 + 0.802853 * t + 0.010328 * t * t
        let denominator = 1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t
        var x = -(t - numerator / denominator)
        for _ in 0..<4 {
            let density = density(x)
            guard density > 0 else { break }
            // Relative residual keeps the step well scaled far in the tail.
            let error = cdf(x) - tail
            let newtonStep = error / density
            // Halley correction: φ'(x)/φ(x) = −x.
            let step = newtonStep / (1 + 0.5 * x * newtonStep)
            x -= step
            if abs(step) <= 1e-15 * Swift.max(1, abs(x)) { break }
        }
        return -x
    }
}
