/// What a history follows: the metrics a point has on its own, without a baseline run
/// (wall time, CPU time, efficiency against its ideal time, or a sample metric such as a
/// command's own `tokens_per_s`).
public enum HistoryMetric: Sendable, Hashable, CaseIterable, RawRepresentable {
    case wall
    case cpu
    case efficiency
    /// A metric of each sample: `NAME` (lower is better) or `NAME:higher`.
    case sample(String, higherIsBetter: Bool)

    public static let allCases: [HistoryMetric] = [.wall, .cpu, .efficiency]

    public init?(rawValue: String) {
        guard let metric = ComparisonMetric(rawValue: rawValue) else { return nil }
        switch metric {
        case .wall: self = .wall
        case .cpu: self = .cpu
        case .efficiency: self = .efficiency
        case .speedup: return nil
        case .sample(let name, let higher): self = .sample(name, higherIsBetter: higher)
        }
    }

    public var rawValue: String { metric.rawValue }

    /// The same metric as comparisons read it.
    public var metric: ComparisonMetric {
        switch self {
        case .wall: return .wall
        case .cpu: return .cpu
        case .efficiency: return .efficiency
        case .sample(let name, let higher): return .sample(name, higherIsBetter: higher)
        }
    }
}
