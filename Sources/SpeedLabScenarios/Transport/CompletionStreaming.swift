import SpeedLabStreaming

/// Sends completion requests to an OpenAI-compatible endpoint and times every chunk of the
/// answer as its bytes arrive (SpeedLab's lean streaming client, `SpeedLabTransport`).
public protocol CompletionStreaming: Sendable {
    /// Sends `call` and reads its answer to the end. A failed request (a refused connection,
    /// an error status, an `error` event, a body that is not SSE or JSON, its timeout) is a
    /// timing with its ``StreamTiming/error`` set, never a throw: the point goes on. Throws
    /// only `CancellationError`.
    func complete(_ call: CompletionCall) async throws -> StreamTiming

    /// The executor on whose thread the client reads its streams, when it has one: the llm
    /// scenario runs its requests' tasks there, with no hop between threads per request.
    var eventLoop: (any TaskExecutor)? { get }
}
