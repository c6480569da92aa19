import SpeedLabCore
import SpeedLabScenarios
import Testing

@testable import SpeedLabEngine

/// The rounds of `repetitions: auto`, fed synthetic wall times: a quiet point stops at its
/// first 95% interval, a noisy one at its maximum, and the rounds stay interleaved.
@Suite struct AdaptiveRoundsTests {
    @Test func aQuietPointStopsEarlyAndANoisyOneAtItsMaximumInInterleavedRounds() throws {
        let sweep = try SweepFile.parse(
            "name: r\nscenarios: [sequential]\nparameters:\n  tasks: [1, 2]\n  latency_ms: 1\n", source: "r.yaml")
        let points = try ParameterGrid().expand(sweep)
        let rule = AdaptiveRepetitions(precision: 0.01, minimum: 5, maximum: 15, budgetSeconds: 60)
        var rounds = AdaptiveRounds(
            plan: RunPlan(points: points, repetitions: 15, warmup: 1, adaptive: rule), rule: rule)
        var measured: [Int: Int] = [:]
        var roundSizes: [Int] = []
        while let round = rounds.nextRound() {
            roundSizes.append(round.count)
            for job in round {
                // Point 0 is quiet (±0.01 %); point 1 varies by ±40 %.
                let wall: Int64 =
                    job.ordinal == 0
                    ? 10_000_000 + Int64(job.repetition % 2) * 1_000
                    : 10_000_000 + Int64((job.repetition * 7) % 9) * 1_000_000
                rounds.finished(job, wallNanos: wall)
                if !job.isWarmup { measured[job.ordinal, default: 0] += 1 }
            }
        }
        #expect(measured == [0: 6, 1: 15])
        #expect(roundSizes == [2] + Array(repeating: 2, count: 6) + Array(repeating: 1, count: 9))
        #expect(rounds.jobCount == 2 + 30, "an upper bound: warm-ups and every point at its maximum")
    }

    @Test func aResumedPointContinuesFromItsStoredWallTimes() throws {
        let sweep = try SweepFile.parse(
            "name: r\nscenarios: [sequential]\nparameters:\n  tasks: 1\n  latency_ms: 1\n", source: "r.yaml")
        let point = try #require(try ParameterGrid().expand(sweep).first)
        let rule = AdaptiveRepetitions(precision: 0.01, minimum: 5, maximum: 15, budgetSeconds: 60)
        let stored = RunPlan.Entry(
            point: point, pointID: 1, measured: [0, 1, 2, 3, 4], measuredWallNanos: Array(repeating: 1e7, count: 5))
        var rounds = AdaptiveRounds(
            plan: RunPlan(entries: [stored], repetitions: 15, warmup: 0, adaptive: rule), rule: rule)
        let next = rounds.nextRound()
        let round = try #require(next)
        #expect(round == [Schedule.Job(ordinal: 0, repetition: 5, isWarmup: false)])
        rounds.finished(round[0], wallNanos: 10_000_000)
        let after = rounds.nextRound()
        #expect(after == nil, "six equal wall times settle it")
    }
}
