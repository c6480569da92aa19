import Foundation
import SpeedLabCore
import SpeedLabScenarios
import SpeedLabStreaming
import Testing

/// An open loop's schedule: drawn from the seed, at exactly the offered rate, with the shape
/// its arrival process has; and the objectives a point is held to.
@Suite struct ArrivalScheduleTests {
    static func gaps(_ offsets: [Double]) -> [Double] { zip(offsets, offsets.dropFirst()).map { $1 - $0 } }

    static func coefficientOfVariation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return variance.squareRoot() / mean
    }

    @Test(arguments: [ArrivalProcess.constant, .poisson, .gamma])
    func aScheduleOffersExactlyItsRateAndIsTheSameEveryTime(_ arrival: ArrivalProcess) {
        let offsets = ArrivalSchedule.offsets(
            count: 1_001, durationNanos: nil, rate: 250, arrival: arrival, burstiness: 0.5, seed: 7)
        #expect(offsets.count == 1_001)
        #expect(offsets.first == 0)
        #expect(abs((offsets.last ?? 0) - 4e9) < 1)  // 1,000 gaps of 1/250 s
        #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 })
        let again = ArrivalSchedule.offsets(
            count: 1_001, durationNanos: nil, rate: 250, arrival: arrival, burstiness: 0.5, seed: 7)
        #expect(again == offsets)
    }

    @Test func gapsHaveTheShapeOfTheirProcess() {
        func cv(_ arrival: ArrivalProcess, burstiness: Double = 1) -> Double {
            Self.coefficientOfVariation(
                Self.gaps(
                    ArrivalSchedule.offsets(
                        count: 20_000, durationNanos: nil, rate: 100, arrival: arrival, burstiness: burstiness, seed: 3)
                ))
        }
        #expect(cv(.constant) < 1e-9)
        #expect(abs(cv(.poisson) - 1) < 0.05)  // exponential gaps: CV 1
        #expect(abs(cv(.gamma, burstiness: 1) - 1) < 0.05)  // burstiness 1 is Poisson
        #expect(abs(cv(.gamma, burstiness: 0.25) - 2) < 0.15)  // CV = 1/√shape
        #expect(abs(cv(.gamma, burstiness: 4) - 0.5) < 0.05)
    }

    @Test func aDurationSendsEveryRequestDueWithinIt() {
        let offsets = ArrivalSchedule.offsets(
            count: 5, durationNanos: 2e9, rate: 50, arrival: .constant, burstiness: 1, seed: 1)
        #expect(offsets.count == 100)
        #expect((offsets.last ?? 0) < 2e9)
    }

    /// A request that took `ttft` ms to its first token and `e2e` ms in all, from its schedule.
    static func request(ttft: Double, e2e: Double, tokens: Int = 11, failed: Bool = false) -> StreamTiming {
        let scheduled = ContinuousClock.now
        var timing = StreamTiming(sent: scheduled)
        timing.scheduled = scheduled
        timing.contentArrivals = [scheduled.advanced(by: .milliseconds(ttft))]
        timing.end = scheduled.advanced(by: .milliseconds(e2e))
        timing.usageTokens = tokens
        if failed { timing.error = "HTTP 503" }
        return timing
    }

    @Test func goodputCountsRequestsWithinEveryObjectiveAndThePercentileDecidesThePoint() {
        let objectives = ServiceObjectives(ttftNanos: 100e6, tpotNanos: 10e6, e2eNanos: nil, percentile: 0.9)
        // tpot = (e2e − ttft) ÷ 10: 5 ms, 5 ms, 20 ms (misses tpot), and one late first token.
        var requests = (0..<7).map { _ in Self.request(ttft: 50, e2e: 100) }
        requests += [Self.request(ttft: 50, e2e: 250), Self.request(ttft: 150, e2e: 200)]
        requests.append(Self.request(ttft: 10, e2e: 20, failed: true))
        let metrics = objectives.metrics(requests, wallNanos: 2e9)
        #expect(metrics[Metric.goodput.name] == 7.0 / 2)
        #expect(metrics[Metric.sloTTFTShare.name] == 0.8)  // the late one and the failed one miss it
        #expect(metrics[Metric.sloTPOTShare.name] == 0.8)
        #expect(metrics[Metric.meetsSLO.name] == 0)  // p90 of ttft (of 10) is the 9th: 150 ms
        let lenient = ServiceObjectives(ttftNanos: 100e6, tpotNanos: nil, e2eNanos: nil, percentile: 0.5)
        #expect(lenient.metrics(requests, wallNanos: 2e9)[Metric.meetsSLO.name] == 1)
    }
}
