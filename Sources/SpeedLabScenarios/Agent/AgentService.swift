/// The services an agent query calls, with their latency as a multiple of `latency_ms`.
///
/// Each query calls `llm`, `vector` and `db` (concurrently in ``AgentScenario``), reranks on
/// the CPU, then makes a `final` llm call. The raw value is the service id of ``SeededDraw``.
public enum AgentService: Int, Sendable, CaseIterable {
    case llm = 1
    case vector = 2
    case db = 3
    case final = 4

    /// `llm` 3·L, `vector` 1·L, `db` 0.5·L, `final` 3·L, L being `latency_ms`.
    public var latencyFactor: Double {
        switch self {
        case .llm, .final: return 3
        case .vector: return 1
        case .db: return 0.5
        }
    }

    /// A failed `vector` or `db` call degrades the answer; a failed `llm` or `final` fails the query.
    public var isEssential: Bool { self == .llm || self == .final }

    public var label: String {
        switch self {
        case .llm: return "llm"
        case .vector: return "vector"
        case .db: return "db"
        case .final: return "final"
        }
    }
}
