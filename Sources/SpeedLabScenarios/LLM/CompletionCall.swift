import SpeedLabCore

/// One completion request of an `llm` point: where it goes, its JSON body (the synthetic
/// prompt, `max_tokens`, streaming with usage, and on SpeedLab's own services the schedule's
/// knobs), its extra headers and how long it may take.
public struct CompletionCall: Sendable {
    public let endpoint: LLMEndpoint
    public let body: [UInt8]
    /// Headers besides `host`, `content-type` and `content-length` (`authorization`).
    public let headers: [(name: String, value: String)]
    public let stream: Bool
    /// The request's number in its repetition.
    public let number: Int
    public let timeoutNanos: Int64

    public init(
        endpoint: LLMEndpoint, body: [UInt8], headers: [(name: String, value: String)], stream: Bool, number: Int,
        timeoutNanos: Int64
    ) {
        self.endpoint = endpoint
        self.body = body
        self.headers = headers
        self.stream = stream
        self.number = number
        self.timeoutNanos = timeoutNanos
    }
}

/// Builds the bodies of a point's requests: the prompt's words are made once, and each
/// request gets its own first word (its number), so no two prompts are the same (a server's
/// prefix cache sees what it would see from distinct users).
public struct CompletionBodyBuilder: Sendable {
    let api: CompletionAPI
    let model: String
    let outputTokens: Int
    let stream: Bool
    /// The JSON of the `speedlab` knobs without `request` (nil for another server).
    let knobs: String?
    /// The prompt after its first word, already escaped for JSON.
    let promptTail: String
    let promptTokens: Int

    /// Words the synthetic prompt is made of (every one a single token to a word counter).
    static let vocabulary = [
        "the", "agent", "calls", "a", "tool", "and", "waits", "for", "its", "answer", "while", "another", "stream",
        "arrives", "token", "by", "token",
    ]

    public init(
        api: CompletionAPI, model: String, promptTokens: Int, outputTokens: Int, stream: Bool, knobs: String?
    ) {
        self.api = api
        self.model = model
        self.outputTokens = outputTokens
        self.stream = stream
        self.knobs = knobs
        self.promptTokens = promptTokens
        promptTail = (1..<max(1, promptTokens)).map { Self.vocabulary[$0 % Self.vocabulary.count] }.joined(
            separator: " ")
    }

    /// The body of request `number`.
    public func body(request number: Int) -> [UInt8] {
        var prompt = promptTokens == 0 ? "" : "r\(number)"
        if promptTokens > 1 { prompt += " " + promptTail }
        var json = "{\"model\":\(JSONText.quote(model)),"
        switch api {
        case .chat: json += "\"messages\":[{\"role\":\"user\",\"content\":\(JSONText.quote(prompt))}],"
        case .completions: json += "\"prompt\":\(JSONText.quote(prompt)),"
        }
        json += "\"max_tokens\":\(outputTokens),\"stream\":\(stream)"
        if stream { json += ",\"stream_options\":{\"include_usage\":true}" }
        if let knobs { json += ",\"speedlab\":{\"request\":\(number),\(knobs)}" }
        json += "}"
        return Array(json.utf8)
    }
}
