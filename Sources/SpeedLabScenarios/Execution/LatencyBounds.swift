/// Lower bounds shared by the scenarios' ideal times.
public enum LatencyBounds {
    /// The least time `latencies` can take with at most `slots` of them overlapping:
    /// no schedule beats the average load per slot, nor the longest single wait.
    public static func overlapped(_ latencies: [Double], slots: Int) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let total = latencies.reduce(0, +)
        return max(total / Double(max(1, min(slots, latencies.count))), latencies.max() ?? 0)
    }

    /// The least time `items · cpuPerItem` of CPU takes on `threads` threads and `cores`
    /// cores, after a lead-in during which no item can be computed yet (the shortest wait
    /// before the first computation) and before a tail that must follow the last one.
    public static func cpu(
        items: Int, cpuPerItem: Double, threads: Int, cores: Int, leadIn: Double = 0, tail: Double = 0
    ) -> Double {
        guard items > 0 else { return 0 }
        return leadIn + Double(items) * cpuPerItem / Double(max(1, min(threads, cores))) + tail
    }
}
