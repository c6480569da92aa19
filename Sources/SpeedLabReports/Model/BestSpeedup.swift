/// The headline of command points: the one whose median beat its baseline point's by the
/// most, with the bootstrap interval of that speedup. SpeedLab sets no goal for a user's own
/// program, so there is no verdict, only the number.
public struct BestSpeedup: Sendable, Hashable {
    /// The point: its command's name and the parameters that tell it from its section's others.
    public var point: String
    /// Its baseline point, named the same way.
    public var baseline: String
    public var speedup: PointRow.Estimate
}
