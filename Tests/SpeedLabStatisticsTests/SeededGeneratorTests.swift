import SpeedLabStatistics
import Testing

@Suite("SplitMix64 generator")
struct SeededGeneratorTests {
    @Test func firstOutputForSeedZeroIsTheSplitMixKnownAnswer() {
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test(arguments: KnownAnswers.shared.splitMix64.map { ($0.seed, $0.outputs) })
    func outputsMatchPythonReference(seed: UInt64, outputs: [String]) {
        var generator = SeededGenerator(seed: seed)
        let actual = outputs.indices.map { _ in generator.next() }
        #expect(actual == outputs.compactMap { UInt64($0, radix: 16) })
    }

    @Test func indicesStayInRangeAndCoverIt() {
        var generator = SeededGenerator(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<1_000 {
            let index = generator.nextIndex(below: 10)
            #expect((0..<10).contains(index))
            seen.insert(index)
        }
        #expect(seen.count == 10)
    }

    @Test func shuffleIsAReproduciblePermutation() {
        var first = SeededGenerator(seed: 99)
        var second = SeededGenerator(seed: 99)
        var a = Array(0..<50)
        var b = Array(0..<50)
        first.shuffle(&a)
        second.shuffle(&b)
        #expect(a == b)
        #expect(a != Array(0..<50))
        #expect(a.sorted() == Array(0..<50))
    }
}
