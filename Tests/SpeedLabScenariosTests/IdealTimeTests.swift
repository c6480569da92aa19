import SpeedLabCore
import SpeedLabScenarios
import Testing

/// Each scenario's lower bound, on workloads whose answer is known by hand.
@Suite struct IdealTimeTests {
    static let workload: [String: ParameterValue] = [
        "tasks": .integer(8), "latency_ms": .integer(10), "work": .integer(1),
    ]

    static func ideal(_ type: any Scenario.Type, _ extra: [String: ParameterValue], cpu: Double = 2e6, cores: Int = 2)
        throws -> Double
    {
        try type.init(point: ParameterPoint(workload.merging(extra) { _, new in new })).idealNanos(
            cpuNanosPerItem: cpu, cores: cores)
    }

    @Test func sequentialAddsEveryWaitAndEveryComputation() throws {
        #expect(try Self.ideal(SequentialScenario.self, [:]) == 8 * 10e6 + 8 * 2e6)
    }

    @Test func concurrentOverlapsWaitsInWavesButNotCPU() throws {
        #expect(try Self.ideal(ConcurrentScenario.self, ["concurrency": .integer(8)], cpu: 0) == 10e6)
        #expect(try Self.ideal(ConcurrentScenario.self, ["concurrency": .integer(2)], cpu: 0) == 40e6)
        #expect(try Self.ideal(ConcurrentScenario.self, ["concurrency": .integer(8)], cpu: 5e6) == 10e6 + 40e6)
    }

    @Test func parallelIsLimitedByItsLongestShareAndTheCores() throws {
        #expect(try Self.ideal(ParallelScenario.self, ["workers": .integer(2)]) == 4 * 12e6)
        #expect(try Self.ideal(ParallelScenario.self, ["workers": .integer(3)]) == 3 * 12e6)
        #expect(try Self.ideal(ParallelScenario.self, ["workers": .integer(8)], cpu: 20e6, cores: 2) == 8 * 20e6 / 2)
    }

    @Test func hybridOverlapsWaitsAndSpreadsCPUOverThePool() throws {
        #expect(
            try Self.ideal(HybridScenario.self, ["concurrency": .integer(8), "workers": .integer(2)], cpu: 10e6) == 10e6
                + 40e6)
        #expect(
            try Self.ideal(
                HybridScenario.self, ["concurrency": .integer(8), "workers": .integer(4)], cpu: 10e6, cores: 2) == 50e6)
    }
}
