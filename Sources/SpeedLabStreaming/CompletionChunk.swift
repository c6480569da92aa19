import Foundation

/// What one server-sent event of an OpenAI-compatible streamed completion carries: content
/// (a non-empty `content` or `reasoning_content` delta of a chat completion, or `text` of a
/// completion), token usage (`stream_options.include_usage`), the end (`[DONE]`), or an
/// `error` object. A first chunk with only a role carries no content.
public struct CompletionChunk: Sendable, Hashable {
    /// The text the chunk adds, when it adds any.
    public var content: String?
    /// `usage.prompt_tokens` and `usage.completion_tokens`, when the chunk reports them.
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// `[DONE]`: the stream's end.
    public var isDone = false

    public init(content: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil, isDone: Bool = false) {
        self.content = content
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.isDone = isDone
    }

    /// Why an event is not a chunk of a completion: an `error` object, or data that is not JSON.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
        /// The `error.message` the server sent, when the event was an error object.
        public var serverMessage: String?

        public init(description: String, serverMessage: String? = nil) {
            self.description = description
            self.serverMessage = serverMessage
        }
    }

    /// Reads the data of one event; throws ``Failure`` for an `error` object or data that is
    /// neither `[DONE]` nor a JSON object.
    public static func decode(_ data: String) throws(Failure) -> CompletionChunk {
        let trimmed = data.trimmingCharacters(in: .whitespaces)
        if trimmed == "[DONE]" { return CompletionChunk(isDone: true) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
            throw Failure(description: "an event that is not JSON: \(Self.shown(trimmed))")
        }
        if let error = object["error"] {
            let message = (error as? [String: Any])?["message"] as? String ?? "\(error)"
            throw Failure(
                description: "the server sent an error: \(Self.shown(message))", serverMessage: Self.shown(message))
        }
        var chunk = CompletionChunk()
        if let choices = object["choices"] as? [[String: Any]], let choice = choices.first {
            if let delta = choice["delta"] as? [String: Any] {
                let text = (delta["content"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                let reasoning = (delta["reasoning_content"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                chunk.content = text ?? reasoning
            } else if let text = choice["text"] as? String, !text.isEmpty {
                chunk.content = text
            } else if let message = choice["message"] as? [String: Any], let text = message["content"] as? String,
                !text.isEmpty
            {
                chunk.content = text  // a whole answer (`stream: false`)
            }
        }
        if let usage = object["usage"] as? [String: Any] {
            chunk.promptTokens = (usage["prompt_tokens"] as? NSNumber)?.intValue
            chunk.completionTokens = (usage["completion_tokens"] as? NSNumber)?.intValue
        }
        return chunk
    }

    /// At most 120 characters of `text` for a message, control characters shown escaped.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(120) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 120 ? out + "…" : out
    }
}
