import SpeedLabScenarios

/// Measures what one unit of the FNV-1a kernel costs on this machine (best of a few tries).
public enum KernelCalibration {
    /// Nanoseconds per kernel unit, and the checksum of the calibration calls. Each call
    /// hashes a different `work` and every result flows into the returned checksum, so the
    /// calls can be neither merged nor dropped (`FNV1a.hash` is never inlined).
    public static func measure(units: Int = 200_000, tries: Int = 5) -> (nanosPerUnit: Double, checksum: UInt64) {
        var best = Double.infinity
        var checksum = Checksum()
        for attempt in 0..<tries {
            let start = ContinuousClock.now
            checksum.add(item: attempt, hash: FNV1a.hash(work: units + attempt))
            let elapsed = start.duration(to: .now)
            let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) * 1e-9
            best = min(best, nanos / Double(units))
        }
        return (best, checksum.value)
    }
}
