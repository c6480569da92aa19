/// What this machine charges for the parts of a workload, measured when a run starts: the
/// CPU cost of one item, the cores, and the round trip of an empty HTTP request.
public struct MachineCosts: Sendable, Hashable {
    /// `work × kernelNanosPerUnit`.
    public var cpuNanosPerItem: Double
    public var cores: Int
    /// The floor one `http` call pays on top of its latency (0 without http points).
    public var roundTripNanos: Double

    public init(cpuNanosPerItem: Double, cores: Int, roundTripNanos: Double = 0) {
        self.cpuNanosPerItem = cpuNanosPerItem
        self.cores = cores
        self.roundTripNanos = roundTripNanos
    }
}
