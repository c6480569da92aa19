import SpeedLabCore
import SpeedLabStreaming
import Testing

/// The answer reader: every chunk stamped with the instant its bytes arrived, tokens from
/// usage or counted, and every way an answer can fail named with what was read.
@Suite struct CompletionAnswerReaderTests {
    static let start = ContinuousClock.now

    /// `pieces` of a body, the i-th arriving i milliseconds after the request was sent.
    static func read(
        _ pieces: [String], status: Int = 200, streaming: Bool = true, ended: Bool = true
    ) -> StreamTiming {
        var reader = CompletionAnswerReader(sent: start, streaming: streaming)
        reader.firstByte(at: start.advanced(by: .milliseconds(1)))
        reader.head(status: status)
        for (index, piece) in pieces.enumerated() {
            let bytes = Array(piece.utf8)
            bytes.withUnsafeBytes { reader.body($0, at: start.advanced(by: .milliseconds(index + 1))) }
        }
        if ended { reader.end(at: start.advanced(by: .milliseconds(pieces.count + 1))) }
        return reader.timing
    }

    static func chat(_ content: String) -> String {
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\(content)\"}}]}\n\n"
    }

    @Test func aRoleOnlyChunkIsNoTokenAndEveryContentChunkIsStampedOnArrival() {
        let role = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"
        let timing = Self.read([role, Self.chat("a"), Self.chat("b") + Self.chat("c"), "data: [DONE]\n\n"])
        #expect(timing.error == nil)
        #expect(timing.ttftNanos == 2e6)
        #expect(timing.itlNanos == [1e6, 0])
        #expect(timing.e2eNanos == 4e6)
        #expect(timing.outputTokens == 3)
        #expect(timing.tokenSource == .chunks)
        #expect(timing.chunks == 4)
    }

    @Test func usageGivesTheTokenCountAndTPOTUsesIt() {
        let usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":9}}\n\n"
        let timing = Self.read([Self.chat("a b c"), Self.chat("d"), usage, "data: [DONE]\n\n"])
        #expect(timing.outputTokens == 9)
        #expect(timing.promptTokens == 7)
        #expect(timing.tokenSource == .usage)
        // (e2e − ttft) ÷ (tokens − 1) = (4 − 1) ms ÷ 8
        #expect(timing.tpotNanos == 3e6 / 8)
    }

    @Test func anEventSplitAcrossReadsIsStampedWhenItsLastByteArrives() {
        let event = Self.chat("x")
        let middle = event.index(event.startIndex, offsetBy: 20)
        let timing = Self.read([String(event[..<middle]), String(event[middle...]), "data: [DONE]\r\n\r\n"])
        #expect(timing.ttftNanos == 2e6)
        #expect(timing.error == nil)
    }

    @Test func anErrorObjectMidStreamFailsTheRequestWithItsMessage() {
        let timing = Self.read([Self.chat("a"), "data: {\"error\":{\"message\":\"overloaded\"}}\n\n"])
        #expect(timing.error?.contains("overloaded") == true)
        #expect(!timing.succeeded)
    }

    @Test func anErrorEventFailsTheRequest() {
        let timing = Self.read(["event: error\ndata: boom\n\n"])
        #expect(timing.error?.contains("boom") == true)
    }

    @Test func aBodyThatIsNotAnEventStreamFailsWithWhatWasRead() {
        let timing = Self.read(["<html>busy</html>"])
        #expect(timing.error?.contains("not an event stream") == true)
        #expect(timing.error?.contains("<html>busy</html>") == true)
    }

    @Test func aStreamCutOffBeforeDONEFails() {
        let timing = Self.read([Self.chat("a"), Self.chat("b")])
        #expect(timing.error == "the stream ended before [DONE] after 2 chunks")
    }

    @Test func anErrorStatusNamesTheStatusAndTheServersMessage() {
        let timing = Self.read(["{\"error\":{\"message\":\"no such model\"}}"], status: 404)
        #expect(timing.error == "HTTP 404: no such model")
        #expect(timing.status == 404)
    }

    @Test func anUnstreamedAnswerIsReadWholeAtItsEnd() {
        let body =
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello there\"}}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"
        let timing = Self.read([String(body.prefix(10)), String(body.dropFirst(10))], streaming: false)
        #expect(timing.error == nil)
        #expect(timing.outputTokens == 2)
        #expect(timing.ttftNanos == 3e6)
        #expect(timing.e2eNanos == 3e6)
    }

    @Test func storedArrivalsDecodeToWhatWasEncoded() {
        let arrivals: [Int64] = [5_000_000, 5_000_001, 15_000_000, 1 << 40]
        let bytes = ArrivalCodec.encode(arrivals, from: 1_000)
        #expect(ArrivalCodec.decode(bytes, from: 1_000) == arrivals)
        #expect(ArrivalCodec.decode(bytes.dropLast(), from: 1_000) == nil)
        #expect(bytes.count <= 4 * 3 + 6)
    }
}
