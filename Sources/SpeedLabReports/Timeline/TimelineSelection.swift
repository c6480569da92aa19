import SpeedLabCore
import SpeedLabStore

/// Which traced point stands for its scenario in a report: the one with the most CPU work,
/// then the highest failure rate, then the most items, then the first — so a report shows
/// compute beside I/O, and retries where the sweep has failures.
public enum TimelineSelection {
    public static func representatives(of points: [StoredPoint], traced: Set<PointID>) -> [String: StoredPoint] {
        var chosen: [String: StoredPoint] = [:]
        for point in points where traced.contains(point.id) {
            guard let current = chosen[point.scenario] else {
                chosen[point.scenario] = point
                continue
            }
            if rank(point) > rank(current) { chosen[point.scenario] = point }
        }
        return chosen
    }

    private static func rank(_ point: StoredPoint) -> (Double, Double, Double, Int) {
        let parameters = point.parameters
        return (
            parameters["work"]?.realValue ?? 0, parameters["failure_rate"]?.realValue ?? 0,
            parameters["tasks"]?.realValue ?? 0, -point.ordinal
        )
    }

    /// The file name of a scenario's timeline in a report folder.
    public static func fileName(scenario: String) -> String { "timeline-\(scenario).svg" }

    /// The title of a point's timeline: its scenario and only the parameters whose values vary
    /// among `points` of that scenario (the run's points), so the title stays on the picture;
    /// the fixed ones are said beside it, in the report.
    public static func title(_ point: StoredPoint, among points: [StoredPoint]) -> String {
        let peers = points.filter { $0.scenario == point.scenario }
        let varying = point.parameters.names.filter { name in
            Set(peers.map { $0.parameters[name]?.canonicalText ?? "" }).count > 1
        }
        let values = varying.map { "\($0)=\(point.parameters[$0]?.canonicalText ?? "")" }
        return ([point.scenario] + values).joined(separator: " ")
    }
}
