/// A scenario's lower bound of its wall time, with the two terms it is built from, so a
/// report can say which one limits the scenario (its bottleneck).
public struct IdealTime: Sendable, Hashable {
    /// The term of the bound that waiting on I/O sets (waves of fetches, worker shares).
    public var ioNanos: Double
    /// The term of the bound that CPU work sets (the kernel over the usable cores).
    public var cpuNanos: Double
    /// The bound itself.
    public var nanos: Double

    public init(ioNanos: Double, cpuNanos: Double, nanos: Double) {
        self.ioNanos = ioNanos
        self.cpuNanos = cpuNanos
        self.nanos = nanos
    }

    /// Waits and computations overlap: the bound is the larger term.
    public static func overlapping(io: Double, cpu: Double) -> IdealTime {
        IdealTime(ioNanos: io, cpuNanos: cpu, nanos: max(io, cpu))
    }

    /// Waits and computations happen one after another: the bound is their sum.
    public static func serial(io: Double, cpu: Double) -> IdealTime {
        IdealTime(ioNanos: io, cpuNanos: cpu, nanos: io + cpu)
    }
}
