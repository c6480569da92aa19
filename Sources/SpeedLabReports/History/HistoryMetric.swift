/// What a history follows: the metrics a point has on its own, without a baseline run
/// (wall time, CPU time, efficiency against its ideal time).
public enum HistoryMetric: String, Sendable, CaseIterable {
    case wall
    case cpu
    case efficiency

    /// The same metric as comparisons read it.
    public var metric: ComparisonMetric {
        switch self {
        case .wall: return .wall
        case .cpu: return .cpu
        case .efficiency: return .efficiency
        }
    }
}
