import SpeedLabCore

/// The targets of the asyncio lesson SpeedLab's scenarios teach — I/O concurrency 5×, CPU parallel 3–4× on a multi-core machine,
/// hybrid 40%+ over the best single pattern, agent 2.5×+ — set beside a run's best results,
/// with what this machine's core count allows.
enum Headline {
    static let workloadKeys = ["tasks", "latency_ms", "jitter", "work", "seed"]

    /// The targets, or none when every row is a command's: the targets are about
    /// SpeedLab's own scenarios and would say nothing about a sweep of the user's programs.
    static func make(rows: [PointRow], cores: Int) -> [HeadlineTarget] {
        guard rows.contains(where: { $0.command == nil }) else { return [] }
        return [ioConcurrency(rows), cpuParallel(rows, cores: cores), hybrid(rows), agent(rows)]
    }

    /// The command row with the best speedup against its baseline point, or nil when no
    /// command row has one.
    static func bestCommandSpeedup(rows: [PointRow]) -> BestSpeedup? {
        guard let top = best(rows.filter { $0.command != nil }), let speedup = top.speedup else { return nil }
        func name(_ row: PointRow) -> String {
            let parameters = describe(row, among: rows)
            return parameters.isEmpty ? row.scenario : "\(row.scenario) \(parameters)"
        }
        let baseline = rows.first { $0.pointID == top.baselinePointID }.map(name) ?? "its baseline"
        return BestSpeedup(point: name(top), baseline: baseline, speedup: speedup)
    }

    /// `row`'s parameters that vary among the rows of its scenario (all of them if none do).
    static func describe(_ row: PointRow, among rows: [PointRow]) -> String {
        let group = rows.filter { $0.scenario == row.scenario }
        let varying = row.parameters.names.filter { name in Set(group.map { $0.parameters[name] }).count > 1 }
        return (varying.isEmpty ? row.parameters : row.parameters.restricted(to: varying)).description
    }

    private static func best(_ rows: [PointRow]) -> PointRow? {
        rows.filter { $0.speedup != nil }.max { ($0.speedup?.value ?? 0) < ($1.speedup?.value ?? 0) }
    }

    static func ioConcurrency(_ rows: [PointRow]) -> HeadlineTarget {
        let concurrent = rows.filter { $0.scenario == "concurrent" }
        let ioOnly = concurrent.filter { $0.parameters["work"]?.integerValue == 0 }
        return bestSpeedup(
            of: ioOnly.isEmpty ? concurrent : ioOnly, among: rows, target: "I/O concurrency", goal: 5,
            scenario: "concurrent", note: "concurrent vs sequential; waits overlap on one thread")
    }

    /// The target met by the best speedup among `candidates`, shown with one decimal.
    private static func bestSpeedup(
        of candidates: [PointRow], among rows: [PointRow], target: String, goal: Double, scenario: String,
        note: String
    ) -> HeadlineTarget {
        let goalText = "\(HumanFormat.fixed(goal, goal == goal.rounded() ? 0 : 1))×"
        guard let top = best(candidates), let speedup = top.speedup?.value else {
            return HeadlineTarget(
                target: target, goal: goalText, measured: "-", verdict: .notMeasured,
                note: "no \(scenario) point with a baseline in this run")
        }
        return HeadlineTarget(
            target: target, goal: goalText,
            measured: "\(HumanFormat.fixed(speedup, 1))× at \(describe(top, among: rows))",
            verdict: speedup >= goal ? .met : .missed, note: note)
    }

    static func cpuParallel(_ rows: [PointRow], cores: Int) -> HeadlineTarget {
        let note = "this machine has \(cores) logical cores: CPU speedup is capped at \(cores)×"
        guard let top = best(rows.filter { $0.scenario == "parallel" }), let speedup = top.speedup?.value else {
            return HeadlineTarget(
                target: "CPU parallel", goal: "3–4× (multi-core)", measured: "-", verdict: .notMeasured, note: note)
        }
        let verdict: HeadlineTarget.Verdict =
            speedup >= 3 ? .met : (cores < 3 && speedup >= 0.9 * Double(cores) ? .cappedByMachine : .missed)
        return HeadlineTarget(
            target: "CPU parallel", goal: "3–4× (multi-core)",
            measured: "\(HumanFormat.fixed(speedup, 2))× at \(describe(top, among: rows))",
            verdict: verdict, note: note)
    }

    static func hybrid(_ rows: [PointRow]) -> HeadlineTarget {
        var bestGain: (gain: Double, row: PointRow)?
        for row in rows where row.scenario == "hybrid" {
            guard let median = row.wall?.value else { continue }
            // The single patterns at the same workload with the same means: concurrent with the
            // hybrid's concurrency, parallel with its workers.
            let concurrent = rows.filter { other in
                other.scenario == "concurrent" && Self.sameWorkload(other, row, also: ["concurrency"])
            }.compactMap { $0.wall?.value }.min()
            let parallel = rows.filter { other in
                other.scenario == "parallel" && Self.sameWorkload(other, row, also: ["workers"])
            }.compactMap { $0.wall?.value }.min()
            guard let single = [concurrent, parallel].compactMap({ $0 }).min() else { continue }
            let gain = single / median - 1
            if gain > (bestGain?.gain ?? -.infinity) { bestGain = (gain, row) }
        }
        guard let bestGain else {
            return HeadlineTarget(
                target: "Hybrid over the best single pattern", goal: "+40%", measured: "-", verdict: .notMeasured,
                note:
                    "needs hybrid and concurrent (same concurrency) or parallel (same workers) points at the same workload"
            )
        }
        return HeadlineTarget(
            target: "Hybrid over the best single pattern", goal: "+40%",
            measured: "+\(HumanFormat.fixed(bestGain.gain * 100, 0))% at \(describe(bestGain.row, among: rows))",
            verdict: bestGain.gain >= 0.4 ? .met : .missed,
            note: "hybrid median vs the faster of concurrent (same C) and parallel (same W) at the same workload")
    }

    static func sameWorkload(_ a: PointRow, _ b: PointRow, also keys: [String]) -> Bool {
        let compared = workloadKeys + keys
        return a.parameters.restricted(to: compared) == b.parameters.restricted(to: compared)
    }

    static func agent(_ rows: [PointRow]) -> HeadlineTarget {
        bestSpeedup(
            of: rows.filter { $0.scenario == "agent" }, among: rows, target: "Agent", goal: 2.5, scenario: "agent",
            note: "agent vs the same workflow one step at a time")
    }
}
