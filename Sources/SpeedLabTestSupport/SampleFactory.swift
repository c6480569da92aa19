import SpeedLabCore
import SpeedLabStore

/// Builds runs, points and samples with fixed figures, for tests that need a filled store
/// without measuring anything.
public enum SampleFactory {
    /// A fixed environment (host `testhost`, 2 cores, release build).
    public static func environment(processID: Int32 = 4242, host: String = "testhost") -> RunEnvironment {
        RunEnvironment(
            host: host, operatingSystem: "Debian GNU/Linux 12 (bookworm)", kernel: "Linux 6.1.0", cpuModel: "Test CPU",
            logicalCores: 2, memoryBytes: 24 << 30, swiftVersion: "6.3", buildConfiguration: "release",
            toolVersion: "0.1.0", gitCommit: "abc123", loadAverage: 0.25, processID: processID)
    }

    public static func newRun(label: String? = nil, processID: Int32 = 4242) -> NewRun {
        NewRun(
            label: label, sweepName: "test", sweepYAML: "name: test\nscenarios: [sequential]\n",
            sweepSource: "test.yaml",
            repetitions: 3, warmup: 0, seed: 42, environment: environment(processID: processID), kernelNanosPerUnit: 11)
    }

    /// A sample whose figures derive from `wallMillis`.
    public static func sample(repetition: Int, wallMillis: Double, isWarmup: Bool = false, checksum: UInt64 = 7)
        -> Sample
    {
        Sample(
            repetition: repetition, isWarmup: isWarmup, wallNanos: Int64(wallMillis * 1e6),
            userNanos: Int64(wallMillis * 5e5), systemNanos: 1_000, voluntarySwitches: 3, involuntarySwitches: 1,
            peakRSSBytes: 10 << 20, checksum: checksum,
            metrics: [Metric.calls.name: 16, Metric.wakeLate.name(of: .p99): 0.25])
    }
}
