import SpeedLabCore

/// The JSON texts of a completion's answer in OpenAI's shape, written directly (a stream
/// writes one per chunk): the chunks of a streamed answer, the whole answer of `stream: false`
/// and the error object of a refused or failed request.
struct CompletionJSON {
    let request: CompletionRequest
    /// `cmpl-speedlab-<seed>-<request>` (`chatcmpl-…` for chat).
    let id: String
    /// The arrival's Unix time in seconds.
    let created: Int

    init(request: CompletionRequest, created: Int) {
        self.request = request
        let prefix = request.kind == .chat ? "chatcmpl" : "cmpl"
        self.id = "\(prefix)-speedlab-\(request.knobs.seed)-\(request.knobs.request)"
        self.created = created
    }

    /// `"id":…,"object":…,"created":…,"model":…` of every chunk or answer.
    private func fields(object: String) -> String {
        "\"id\":\(JSONText.quote(id)),\"object\":\"\(object)\",\"created\":\(created),\"model\":\(JSONText.quote(request.model))"
    }

    private var chunkObject: String { request.kind == .chat ? "chat.completion.chunk" : "text_completion" }

    /// The first chunk of a chat stream: the role, no content.
    var roleChunk: String {
        "{\(fields(object: chunkObject)),\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"
    }

    /// A chunk carrying `text`; the last carries `finish_reason: "length"`.
    func contentChunk(_ text: String, isLast: Bool) -> String {
        let finish = isLast ? "\"length\"" : "null"
        let choice =
            request.kind == .chat
            ? "{\"index\":0,\"delta\":{\"content\":\(JSONText.quote(text))},\"finish_reason\":\(finish)}"
            : "{\"index\":0,\"text\":\(JSONText.quote(text)),\"finish_reason\":\(finish)}"
        return "{\(fields(object: chunkObject)),\"choices\":[\(choice)]}"
    }

    /// `"usage":{…}` of the answer.
    private var usage: String {
        let prompt = request.promptTokens
        let completion = request.outputTokens
        return
            "\"usage\":{\"prompt_tokens\":\(prompt),\"completion_tokens\":\(completion),\"total_tokens\":\(prompt + completion)}"
    }

    /// The last chunk of a stream with `include_usage`: no choices, the usage.
    var usageChunk: String {
        "{\(fields(object: chunkObject)),\"choices\":[],\(usage)}"
    }

    /// The whole answer of `stream: false`.
    func answer(_ text: String) -> String {
        let choice =
            request.kind == .chat
            ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\(JSONText.quote(text))},\"finish_reason\":\"length\"}"
            : "{\"index\":0,\"text\":\(JSONText.quote(text)),\"finish_reason\":\"length\"}"
        let object = request.kind == .chat ? "chat.completion" : "text_completion"
        return "{\(fields(object: object)),\"choices\":[\(choice)],\(usage)}"
    }

    /// An OpenAI-style error object: `{"error":{"message":…,"type":…,"code":…}}`.
    static func error(_ message: String, type: String, code: Int) -> String {
        "{\"error\":{\"message\":\(JSONText.quote(message)),\"type\":\"\(type)\",\"code\":\(code)}}"
    }
}
