import SpeedLabCore
import SpeedLabStreaming
import Testing

/// OpenAI-compatible chunks and the metrics of a repetition of streams.
@Suite struct CompletionChunkTests {
    @Test func contentReasoningTextUsageDoneAndErrorsAreRead() throws {
        let role = try CompletionChunk.decode(#"{"choices":[{"delta":{"role":"assistant","content":""}}]}"#)
        #expect(role.content == nil)
        #expect(try CompletionChunk.decode(#"{"choices":[{"delta":{"content":"Hi"}}]}"#).content == "Hi")
        #expect(
            try CompletionChunk.decode(#"{"choices":[{"delta":{"reasoning_content":"hmm"}}]}"#).content == "hmm")
        #expect(try CompletionChunk.decode(#"{"choices":[{"text":" word","index":0}]}"#).content == " word")
        let usage = try CompletionChunk.decode(
            #"{"choices":[],"usage":{"prompt_tokens":256,"completion_tokens":64,"total_tokens":320}}"#)
        #expect(usage.promptTokens == 256 && usage.completionTokens == 64 && usage.content == nil)
        #expect(try CompletionChunk.decode("[DONE]").isDone)
        #expect(throws: CompletionChunk.Failure.self) {
            try CompletionChunk.decode(#"{"error":{"message":"overloaded","type":"server_error"}}"#)
        }
        #expect(throws: CompletionChunk.Failure.self) { try CompletionChunk.decode("<html>busy</html>") }
    }

    /// A stream sent at 0, first token at 30 ms, tokens 10 ms apart, ended at 60 ms: ttft 30,
    /// itl 10, tpot (60 − 30) ÷ 3 = 10, e2e 60; with usage of 5 tokens tpot is 30 ÷ 4.
    @Test func aStreamsTimingsFollowTheirDefinitions() {
        let sent = ContinuousClock.now
        var timing = StreamTiming(sent: sent)
        timing.contentArrivals = [30, 40, 50, 60].map { sent.advanced(by: .milliseconds($0)) }
        timing.end = sent.advanced(by: .milliseconds(60))
        #expect(timing.ttftNanos == 30e6 && timing.e2eNanos == 60e6)
        #expect(timing.itlNanos == [10e6, 10e6, 10e6])
        #expect(timing.tpotNanos == 10e6 && timing.tokenSource == .chunks)
        timing.usageTokens = 5
        #expect(timing.tpotNanos == 7.5e6 && timing.tokenSource == .usage)
    }

    @Test func aRepetitionsPercentilesAreExactOverEveryRequestAndEveryGap() {
        let sent = ContinuousClock.now
        var requests: [StreamTiming] = []
        for index in 0..<100 {
            var timing = StreamTiming(sent: sent)
            timing.contentArrivals = [index + 1, index + 2].map { sent.advanced(by: .milliseconds($0)) }
            timing.end = sent.advanced(by: .milliseconds(index + 2))
            requests.append(timing)
        }
        var failed = StreamTiming(sent: sent)
        failed.error = "the server sent an error: overloaded"
        requests.append(failed)
        let metrics = StreamSummary.metrics(requests, wallNanos: 2e9)
        #expect(metrics["ttft_p50_ms"] == 50 && metrics["ttft_p99_ms"] == 99 && metrics["ttft_p90_ms"] == 90)
        #expect(metrics["itl_p50_ms"] == 1 && metrics["e2e_p99_ms"] == 100)
        #expect(metrics["errors"] == 1 && metrics["requests_per_s"] == 50 && metrics["output_tokens_per_s"] == 100)
        #expect(Metric.builtIn(named: "output_tokens_per_s")?.direction == .higherIsBetter)
    }
}
