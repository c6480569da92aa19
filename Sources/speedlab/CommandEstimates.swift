import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabStore

/// What `speedlab run --dry-run` can honestly say about command points. SpeedLab cannot know
/// what a program costs, so a command point is estimated from the latest stored run that
/// measured the same point (the same command name and parameter values), or said to be unknown.
struct CommandEstimates {
    /// A command point's median wall time in an earlier run.
    struct Known {
        var medianNanos: Double
        var run: RunID
    }

    /// By ordinal, the command points an earlier run measured.
    var known: [Int: Known] = [:]
    /// The ordinals of the plan's command points.
    let ordinals: [Int]

    /// Looks up every command point of `plan` in `store` (nil: no store to read).
    init(plan: RunPlan, store: (any RunDatabase)?) {
        let commands = plan.entries.filter { entry -> Bool in
            switch entry.point.scenario.measurement {
            case .selfMeasuring: return true
            case .timedBySpeedLab: return false
            }
        }
        ordinals = commands.map(\.point.ordinal)
        guard let store, !commands.isEmpty else { return }
        for scenario in Set(commands.map(\.point.scenarioName)) {
            let filter = HistoryFilter(scenario: scenario, includesIncomplete: true, mixesHosts: true)
            guard let data = try? store.history(filter) else { continue }
            for entry in commands where entry.point.scenarioName == scenario {
                let text = entry.point.parameters.description
                let measured = data.points.compactMap { point -> Known? in
                    guard point.key.parameters.description == text, let run = data.runOfPoint[point.id],
                        let walls = data.samples[point.id]?.wallNanos, !walls.isEmpty
                    else { return nil }
                    return Known(medianNanos: walls.sorted()[walls.count / 2], run: run)
                }
                if let latest = measured.max(by: { $0.run < $1.run }) { known[entry.point.ordinal] = latest }
            }
        }
    }

    /// One line per command point: its earlier median and what the plan's samples of it take,
    /// or `unknown: runs a command`.
    func lines(plan: RunPlan) -> [String] {
        ordinals.map { ordinal in
            let entry = plan.entries[ordinal]
            guard let known = known[ordinal] else {
                return "  \(entry.point.title): unknown: runs a command (no earlier run of this point in the store)"
            }
            let samples = samples(of: ordinal, in: plan)
            return "  \(entry.point.title): \(HumanFormat.milliseconds(known.medianNanos)) ms per repetition in run "
                + "\(known.run) × \(samples) samples ≈ \(HumanFormat.duration(seconds: known.medianNanos * Double(samples) / 1e9))"
        }
    }

    /// The seconds the known command points' samples take, at their earlier medians.
    func knownSeconds(plan: RunPlan) -> Double {
        known.reduce(0) { $0 + $1.value.medianNanos * Double(samples(of: $1.key, in: plan)) } / 1e9
    }

    /// Warm-ups plus the repetitions a point misses (0 for a point with nothing to measure).
    private func samples(of ordinal: Int, in plan: RunPlan) -> Int {
        guard plan.pendingOrdinals.contains(ordinal) else { return 0 }
        return plan.warmup + plan.missingRepetitions(plan.entries[ordinal])
    }
}
