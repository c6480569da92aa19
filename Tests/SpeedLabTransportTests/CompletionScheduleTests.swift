import Testing

@testable import SpeedLabTransport

/// The services' model of a small LLM (``CompletionSchedule``): the formulas of its delays,
/// its chunking, its load rule and its seeded draws.
@Suite struct CompletionScheduleTests {
    private func schedule(
        outputTokens: Int = 10, promptTokens: Int = 100, _ change: (inout CompletionKnobs) -> Void = { _ in }
    ) -> CompletionSchedule {
        var knobs = CompletionKnobs()
        change(&knobs)
        return CompletionSchedule(knobs: knobs, promptTokens: promptTokens, outputTokens: outputTokens)
    }

    private func schedule(seed: Int = 0, request: Int = 0, jitter: Double = 0, failureRate: Double = 0)
        -> CompletionSchedule
    {
        schedule {
            $0.seed = seed
            $0.request = request
            $0.jitter = jitter
            $0.failureRate = failureRate
        }
    }

    @Test func theFirstChunkWaitsForThePrefillAndEachLaterOneForItsTokens() {
        let plain = schedule()  // ttft 30 ms + 20 µs × 100 tokens = 32 ms, then 10 ms a token
        #expect(plain.delayNanos(beforeChunk: 0, prefilling: 1, decoding: 1) == 32e6)
        #expect(plain.delayNanos(beforeChunk: 1, prefilling: 1, decoding: 1) == 10e6)
        let chunked = schedule { $0.tokensPerChunk = 3 }
        #expect(chunked.chunkCount == 4)
        #expect((0..<4).map { chunked.tokens(inChunk: $0) } == [3, 3, 3, 1])
        #expect(chunked.delayNanos(beforeChunk: 0, prefilling: 1, decoding: 1) == 32e6 + 2 * 10e6)
        #expect(chunked.delayNanos(beforeChunk: 3, prefilling: 1, decoding: 1) == 10e6)
    }

    @Test func moreStreamsThanTheCapacitySlowEveryOneProportionally() {
        let model = schedule { $0.capacity = 16 }
        #expect(model.delayNanos(beforeChunk: 1, prefilling: 0, decoding: 16) == 10e6)
        #expect(model.delayNanos(beforeChunk: 1, prefilling: 0, decoding: 32) == 20e6)
        #expect(model.delayNanos(beforeChunk: 0, prefilling: 16, decoding: 1) == 32e6)
        #expect(model.delayNanos(beforeChunk: 0, prefilling: 24, decoding: 1) == 48e6)
    }

    @Test func jitterAndFailuresAreSeededAndInRange() {
        let model = schedule { $0.jitter = 0.5 }
        let factors = (0..<1000).map { model.jitterFactor(chunk: $0) }
        #expect(factors.allSatisfy { (0.5...1.5).contains($0) })
        #expect(factors == (0..<1000).map { schedule { $0.jitter = 0.5 }.jitterFactor(chunk: $0) })
        #expect(Set(factors).count > 900)
        #expect(schedule(seed: 1, jitter: 0.5).jitterFactor(chunk: 0) != factors[0])
        let failed = (0..<1000).filter { schedule(request: $0, failureRate: 0.2).fails }.count
        #expect((120...280).contains(failed))
        #expect((0..<100).allSatisfy { schedule(request: $0, failureRate: 1).fails })
        #expect(!(0..<100).contains { schedule(request: $0).fails })
    }

    @Test func tokensAreShortWordsWithASpace() {
        let text = CompletionSchedule.text(tokens: 3, from: 7)
        #expect(text.hasSuffix(" "))
        #expect(text.split(separator: " ").count == 3)
    }
}
