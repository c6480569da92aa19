/// Uniform draws that depend only on the seed and on what is drawn for, never on the schedule.
///
/// A concurrent run and its sequential baseline must meet exactly the same failures and
/// latencies whatever order their calls happen in, so each draw hashes its key with
/// SplitMix64: key = `seed<<40 | query<<16 | service<<8 | attempt<<1 | k`, and the
/// top 53 bits of the hash give `u` in [0, 1). `k = 0` decides an attempt's fate, `k = 1` its
/// backoff jitter. Latency jitter uses the same key with the service's high bit set (`service | 0x80`).
public enum SeededDraw {
    /// SplitMix64's output function applied to `state + golden gamma`.
    /// Known answer: `splitMix64(0) == 0xe220a8397b1dcdaf`.
    @inlinable
    public static func splitMix64(_ state: UInt64) -> UInt64 {
        var z = state &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The key of one draw: seed, query, service, attempt and k packed in one 64-bit word.
    public static func key(seed: Int, query: Int, service: Int, attempt: Int, k: Int) -> UInt64 {
        (UInt64(truncatingIfNeeded: seed) << 40)
            | (UInt64(truncatingIfNeeded: query & 0xFF_FFFF) << 16)
            | (UInt64(truncatingIfNeeded: service & 0xFF) << 8)
            | (UInt64(truncatingIfNeeded: attempt & 0x7F) << 1)
            | UInt64(truncatingIfNeeded: k & 1)
    }

    /// A uniform number in [0, 1) for the given key fields.
    public static func uniform(seed: Int, query: Int, service: Int, attempt: Int, k: Int) -> Double {
        let bits = splitMix64(key(seed: seed, query: query, service: service, attempt: attempt, k: k)) >> 11
        return Double(bits) * 0x1.0p-53
    }

    /// The latency of one call of `service` for `query`: uniform in `mean · (1 ± jitter)`.
    public static func latencyNanos(meanNanos: Double, jitter: Double, seed: Int, query: Int, service: Int) -> Double {
        guard jitter > 0 else { return meanNanos }
        let u = uniform(seed: seed, query: query, service: service | 0x80, attempt: 0, k: 0)
        return meanNanos * (1 + jitter * (2 * u - 1))
    }
}
