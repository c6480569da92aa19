import Foundation

/// An OpenAI-compatible completion request as `speedlab services` reads it from a POST body:
/// what it asks for (`model`, the prompt's size in tokens, `max_tokens`, `stream`,
/// `stream_options.include_usage`) and SpeedLab's own knobs of the answer's schedule
/// (``CompletionKnobs``, the body's `speedlab` object).
///
/// A prompt's tokens are its whitespace-separated words: those of `prompt` (a string or an
/// array of strings) for `/v1/completions`, those of every message's `content` (a string or an
/// array of parts with `text`) for `/v1/chat/completions`.
struct CompletionRequest: Sendable, Hashable {
    /// Which endpoint the request was sent to: its answer's shape.
    enum Kind: Sendable, Hashable {
        /// `/v1/chat/completions`: `messages` in, `delta.content` / `message.content` out.
        case chat
        /// `/v1/completions`: `prompt` in, `text` out.
        case text
    }

    var kind: Kind
    var model: String
    var promptTokens: Int
    /// `max_tokens` (or `max_completion_tokens`): every request gets exactly this many (default 16).
    var outputTokens: Int
    var stream: Bool
    var includeUsage: Bool
    var knobs: CompletionKnobs

    /// The most output tokens one request may ask for.
    static let outputTokenLimit = 100_000

    /// Reads `body` (JSON) as a request to `kind`'s endpoint, or says why it cannot (a 400).
    static func read(_ body: [UInt8], kind: Kind) -> Result<CompletionRequest, CompletionRequestError> {
        let decoded: Body
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            decoded = try decoder.decode(Body.self, from: Data(body))
        } catch {
            let reason = Self.reason(error)
            return .failure(CompletionRequestError("the body is not a completion request's JSON: \(reason)"))
        }
        let promptTokens: Int
        switch kind {
        case .chat:
            guard let messages = decoded.messages else { return .failure(CompletionRequestError("no messages")) }
            promptTokens = messages.reduce(0) { $0 + ($1.content?.words ?? 0) }
        case .text:
            guard let prompt = decoded.prompt else { return .failure(CompletionRequestError("no prompt")) }
            promptTokens = prompt.words
        }
        let outputTokens = decoded.maxTokens ?? decoded.maxCompletionTokens ?? 16
        guard (1...outputTokenLimit).contains(outputTokens) else {
            return .failure(CompletionRequestError("max_tokens must be from 1 to \(outputTokenLimit)"))
        }
        var knobs = CompletionKnobs()
        if let given = decoded.speedlab {
            knobs.seed = given.seed ?? knobs.seed
            knobs.request = given.request ?? knobs.request
            knobs.ttftMs = given.ttftMs ?? knobs.ttftMs
            knobs.prefillMicrosPerToken = given.prefillUsPerToken ?? knobs.prefillMicrosPerToken
            knobs.itlMs = given.itlMs ?? knobs.itlMs
            knobs.tokensPerChunk = given.tokensPerChunk ?? knobs.tokensPerChunk
            knobs.capacity = given.capacity ?? knobs.capacity
            knobs.jitter = given.jitter ?? knobs.jitter
            knobs.failureRate = given.failureRate ?? knobs.failureRate
        }
        if let problem = knobs.problem { return .failure(CompletionRequestError(problem)) }
        return .success(
            CompletionRequest(
                kind: kind, model: decoded.model ?? "speedlab", promptTokens: promptTokens, outputTokens: outputTokens,
                stream: decoded.stream ?? false, includeUsage: decoded.streamOptions?.includeUsage ?? false,
                knobs: knobs))
    }

    /// A decoding error in a line: what was wrong, and where.
    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case .keyNotFound(let key, _):
            return "no \(key.stringValue)"
        default:
            return "\(error)"
        }
    }

    /// The fields of a request body SpeedLab reads (others are ignored).
    private struct Body: Decodable {
        var model: String?
        var messages: [Message]?
        var prompt: Text?
        var maxTokens: Int?
        var maxCompletionTokens: Int?
        var stream: Bool?
        var streamOptions: StreamOptions?
        var speedlab: Knobs?
    }

    /// `stream_options`.
    private struct StreamOptions: Decodable {
        var includeUsage: Bool?
    }

    /// One of `messages`: only its content counts.
    private struct Message: Decodable {
        var content: Text?
    }

    /// A message's content or a prompt: a string, or an array of strings or of parts with `text`.
    private struct Text: Decodable {
        var words: Int

        /// One part of an array content: a string, or an object whose `text` counts.
        private struct Part: Decodable {
            var text: String?

            init(from decoder: any Decoder) throws {
                if let string = try? decoder.singleValueContainer().decode(String.self) {
                    text = string
                } else {
                    text = try PartObject(from: decoder).text
                }
            }
        }

        /// An object part (`{"type":"text","text":"…"}`).
        private struct PartObject: Decodable {
            var text: String?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                words = Self.count(string)
            } else {
                words = try container.decode([Part].self).reduce(0) { $0 + Self.count($1.text ?? "") }
            }
        }

        static func count(_ text: String) -> Int {
            text.split(whereSeparator: \.isWhitespace).count
        }
    }

    /// The `speedlab` object: every knob optional.
    private struct Knobs: Decodable {
        var seed: Int?
        var request: Int?
        var ttftMs: Double?
        var prefillUsPerToken: Double?
        var itlMs: Double?
        var tokensPerChunk: Int?
        var capacity: Int?
        var jitter: Double?
        var failureRate: Double?
    }
}

/// Why a body is not a completion request (a 400 with an OpenAI-style error object).
struct CompletionRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// SpeedLab's knobs of a completion's schedule, sent in the body's `speedlab` object
/// (`{"seed":42,"request":7,"ttft_ms":30,…}`); ``CompletionSchedule`` says what each does.
struct CompletionKnobs: Sendable, Hashable {
    /// With `request`, what every seeded draw of the request is drawn from.
    var seed = 0
    /// The request's number in its run (a draw's `query`).
    var request = 0
    var ttftMs = 30.0
    var prefillMicrosPerToken = 20.0
    var itlMs = 10.0
    var tokensPerChunk = 1
    /// Streams the server decodes (and prefills) at once at full speed.
    var capacity = 16
    /// Each delay is multiplied by a seeded factor in [1 − jitter, 1 + jitter].
    var jitter = 0.0
    /// The chance the request fails (an HTTP 503) before it streams.
    var failureRate = 0.0

    /// What is out of range, if anything.
    var problem: String? {
        let times = [ttftMs, prefillMicrosPerToken, itlMs]
        if !times.allSatisfy({ $0.isFinite && (0...600_000).contains($0) }) {
            return "ttft_ms, prefill_us_per_token and itl_ms must be from 0 to 600000"
        }
        if !(1...100_000).contains(tokensPerChunk) { return "tokens_per_chunk must be from 1 to 100000" }
        if !(1...1_000_000).contains(capacity) { return "capacity must be from 1 to 1000000" }
        if !(0...1).contains(jitter) { return "jitter must be from 0 to 1" }
        if !(0...1).contains(failureRate) { return "failure_rate must be from 0 to 1" }
        return nil
    }
}
