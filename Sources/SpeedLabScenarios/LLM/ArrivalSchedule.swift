import Foundation

/// When the requests of an open-loop llm point are due, in nanoseconds from the repetition's
/// start: gaps between arrivals drawn from the seed, so every run of a point sends on the same
/// schedule. `constant` spaces them 1/R apart; `poisson` draws exponential gaps of mean 1/R;
/// `gamma` draws gamma gaps of shape `burstiness` and mean 1/R (burstiness 1 is Poisson, below
/// 1 burstier, above 1 more regular — as vLLM's and GuideLLM's `burstiness`).
public enum ArrivalSchedule {
    /// The most requests a `duration_s` repetition sends (what memory allows for its record).
    public static let requestLimit = 1_000_000

    /// The due offsets of `count` requests, or of every request due before `durationNanos`
    /// when it is given (then at most ``requestLimit``). A schedule of `count` requests is
    /// scaled so its last request is due at exactly (count − 1) ÷ R: the repetition offers R
    /// requests per second, however the seeded gaps happened to fall, and keeps their shape.
    public static func offsets(
        count: Int, durationNanos: Double?, rate: Double, arrival: ArrivalProcess, burstiness: Double, seed: Int
    ) -> [Double] {
        var offsets: [Double] = []
        var time = 0.0
        var index = 0
        while true {
            if let durationNanos {
                guard time < durationNanos, offsets.count < requestLimit else { break }
            } else {
                guard offsets.count < count else { break }
            }
            offsets.append(time)
            time += gap(index, rate: rate, arrival: arrival, burstiness: burstiness, seed: seed)
            index += 1
        }
        if durationNanos == nil, let last = offsets.last, last > 0, offsets.count > 1 {
            let scale = Double(offsets.count - 1) * 1e9 / rate / last
            return offsets.map { $0 * scale }
        }
        return offsets
    }

    /// The gap after request `index`, in nanoseconds.
    static func gap(_ index: Int, rate: Double, arrival: ArrivalProcess, burstiness: Double, seed: Int) -> Double {
        let mean = 1e9 / rate
        func uniform(_ draw: Int) -> Double {
            // Draw number `draw` (0…255) of this gap: its key's attempt and k fields hold it.
            // Never exactly 0: logarithms below stay finite.
            let u = SeededDraw.uniform(seed: seed, query: index, service: 0x41, attempt: draw >> 1, k: draw & 1)
            return max(u, 0x1.0p-60)
        }
        switch arrival {
        case .constant: return mean
        case .poisson: return -log(uniform(0)) * mean
        case .gamma: return gammaDraw(shape: burstiness, uniform: uniform) * mean / burstiness
        }
    }

    /// A gamma variate of `shape` and scale 1 (Marsaglia and Tsang; for a shape below 1, a
    /// draw of shape + 1 times u^(1/shape)), from seeded uniforms.
    static func gammaDraw(shape: Double, uniform: (Int) -> Double) -> Double {
        if shape < 1 {
            return gammaDraw(shape: shape + 1, uniform: { uniform($0 + 1) }) * pow(uniform(0), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        var k = 1
        while k < 250 {  // 256 distinct draws per gap; acceptance is above 95% per try
            // A standard normal from two uniforms (Box–Muller).
            let normal = (-2 * log(uniform(k))).squareRoot() * cos(2 * Double.pi * uniform(k + 1))
            let u = uniform(k + 2)
            k += 3
            let v = pow(1 + c * normal, 3)
            guard v > 0 else { continue }
            if log(u) < 0.5 * normal * normal + d - d * v + d * log(v) { return d * v }
        }
        return shape  // never reached in practice: the acceptance rate is above 95%
    }
}

/// How an open loop's requests arrive (`arrival`).
public enum ArrivalProcess: String, ParameterChoice {
    case poisson
    case constant
    case gamma
}
