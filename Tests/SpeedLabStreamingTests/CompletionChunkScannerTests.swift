import Testing

@testable import SpeedLabStreaming

/// The in-place scanner reads every chunk shape the full decoder reads, to the same result,
/// and leaves to the decoder what it cannot read (errors, malformed JSON).
@Suite struct CompletionChunkScannerTests {
    static let chunks = [
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
        #"{"choices":[{"index":0,"delta":{"content":"Hello \"world\" \\ \u00e9"},"logprobs":null}],"model":"m"}"#,
        #"{"choices":[{"delta":{"reasoning_content":"thinking","content":null}}]}"#,
        #"{"choices":[{"index":0,"text":" a","logprobs":{"tokens":[" a"],"top":[{"x":-1.5e-3}]}}]}"#,
        #"{"choices":[{"message":{"role":"assistant","content":"whole answer"}}],"usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46}}"#,
        #"{"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":9}}"#,
        #"{"choices":[{"delta":{}},{"delta":{"content":"second choice only"}}]}"#,
        #"  {"choices":[{"delta":{"content":"x"}}],"system_fingerprint":true,"n":[1,2,{"a":[]}]}  "#,
        #"{"content":"not in a choice","choices":[{"delta":{"tool_calls":[{"function":{"arguments":"{}"}}]}}]}"#,
    ]

    static func scanned(_ text: String) -> CompletionChunkScanner.Scanned? {
        Array(text.utf8).withUnsafeBytes { CompletionChunkScanner.scan($0) }
    }

    @Test(arguments: chunks)
    func scanningAgreesWithTheFullDecoder(_ text: String) throws {
        let scanned = try #require(Self.scanned(text), "the scanner reads \(text)")
        let decoded = try CompletionChunk.decode(text)
        #expect(scanned.hasContent == (decoded.content != nil))
        #expect(scanned.promptTokens == decoded.promptTokens)
        #expect(scanned.completionTokens == decoded.completionTokens)
        #expect(!scanned.isDone)
    }

    @Test func doneEndsTheStream() {
        #expect(Self.scanned("[DONE]")?.isDone == true)
        #expect(Self.scanned(" [DONE] ")?.isDone == true)
    }

    @Test(arguments: [
        #"{"error":{"message":"overloaded"}}"#, #"{"choices":[{"delta":{"content":"x"}}]"#, #"{"a":nope}"#,
        "<html>", "", #"{"a":"unterminated}"#, String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func whatItCannotReadIsLeftToTheDecoder(_ text: String) {
        #expect(Self.scanned(text) == nil)
    }
}
