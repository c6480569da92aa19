import SpeedLabCore
import SpeedLabScenarios
import Testing

@Suite struct KernelAndDrawTests {
    @Test(arguments: [
        (0, 14_695_981_039_346_656_037 as UInt64),
        (1, 12_161_962_213_042_174_405),
        (1000, 4_216_506_881_340_005_013),
        (100_000, 7_603_631_564_891_592_869),
    ])
    func fnv1aKernelMatchesKnownAnswers(work: Int, expected: UInt64) {
        #expect(FNV1a.hash(work: work) == expected)
    }

    @Test func splitMix64MatchesKnownAnswer() {
        #expect(SeededDraw.splitMix64(0) == 0xe220_a839_7b1d_cdaf)
    }

    @Test func drawsDependOnlyOnTheirKey() {
        let a = SeededDraw.uniform(seed: 42, query: 3, service: 1, attempt: 2, k: 0)
        let b = SeededDraw.uniform(seed: 42, query: 3, service: 1, attempt: 2, k: 0)
        let c = SeededDraw.uniform(seed: 43, query: 3, service: 1, attempt: 2, k: 0)
        #expect(a == b)
        #expect(a != c)
        #expect(
            (0..<1000).allSatisfy {
                (0..<1).contains(SeededDraw.uniform(seed: 1, query: $0, service: 0, attempt: 0, k: 0))
            })
        #expect(
            SeededDraw.key(seed: 1, query: 2, service: 3, attempt: 4, k: 1) == (1 << 40 | 2 << 16 | 3 << 8 | 4 << 1 | 1)
        )
    }

    @Test func jitteredLatenciesStayWithinTheirSpreadAndAverageNearTheMean() throws {
        let workload = try Workload(
            point: ParameterPoint(["tasks": .integer(2000), "latency_ms": .integer(10), "jitter": .real(0.5)]),
            scenario: "test")
        let latencies = (0..<2000).map { workload.latencyNanos(item: $0) }
        #expect(latencies.allSatisfy { (5e6...15e6).contains($0) })
        let mean = latencies.reduce(0, +) / 2000
        #expect(abs(mean - 10e6) < 0.3e6)
    }

    @Test func checksumDoesNotDependOnCompletionOrder() {
        var forward = Checksum()
        var backward = Checksum()
        for item in 0..<10 { forward.add(item: item, hash: UInt64(item * 31)) }
        for item in (0..<10).reversed() { backward.add(item: item, hash: UInt64(item * 31)) }
        #expect(forward == backward)
        var skipped = Checksum()
        for item in 1..<10 { skipped.add(item: item, hash: UInt64(item * 31)) }
        #expect(skipped != forward)
    }
}
