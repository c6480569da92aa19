#if HTTPTransport
    import Foundation
    import SpeedLabScenarios
    import SpeedLabStreaming

    /// One request to an OpenAI-compatible endpoint before a load is measured, so that a wrong
    /// URL, a refused key or a server that is not OpenAI-compatible is a one-line error before
    /// anything is stored, not a run of failed requests.
    public enum EndpointCheck {
        /// Nil when `url` answers a one-token completion as an OpenAI-compatible server does;
        /// else what was wrong, in one line.
        public static func problem(
            url: String, api: CompletionAPI, model: String, stream: Bool, apiKeyVariable: String?,
            timeoutSeconds: Double = 30
        ) async -> String? {
            let endpoint: LLMEndpoint
            do { endpoint = try LLMEndpoint(url: url, api: api, scenario: "load") } catch {
                return "\(error)"
            }
            var headers: [(name: String, value: String)] = []
            if let apiKeyVariable {
                guard let key = ProcessInfo.processInfo.environment[apiKeyVariable], !key.isEmpty else {
                    return "the environment variable \(apiKeyVariable) (--api-key-env) is not set"
                }
                headers.append(("authorization", "Bearer \(key)"))
            }
            let bodies = CompletionBodyBuilder(
                api: api, model: model, promptTokens: 4, outputTokens: 1, stream: stream, knobs: nil)
            let call = CompletionCall(
                endpoint: endpoint, body: bodies.body(request: 0), headers: headers, stream: stream, number: 0,
                timeoutNanos: Int64(timeoutSeconds * 1e9))
            let client = CompletionClient(servicesURL: nil)
            let timing: StreamTiming
            do { timing = try await client.complete(call) } catch {
                await client.shutdown()
                return "the check of \(url) was interrupted"
            }
            await client.shutdown()
            guard let error = timing.error else { return nil }
            return explained(error, status: timing.status, url: url, keyGiven: apiKeyVariable != nil)
        }

        static func explained(_ error: String, status: Int?, url: String, keyGiven: Bool) -> String {
            switch status {
            case 401, 403:
                let hint = keyGiven ? "the key was refused" : "it needs an API key: --api-key-env VARIABLE"
                return "\(url) refused the request (\(error)); \(hint)"
            case 404:
                return
                    "\(url) has no such endpoint (\(error)); the URL names the whole path, e.g. http://HOST:PORT/v1/chat/completions"
            case .some(let code) where code != 200:
                return "\(url) answered \(error)"
            default:
                if error.contains("cannot connect") { return "nothing answers at \(url): \(error)" }
                if error.contains("not an event stream") || error.contains("not JSON") || error.contains("not HTTP") {
                    return "\(url) is not an OpenAI-compatible completions endpoint: \(error)"
                }
                return "\(url) did not answer a completion: \(error)"
            }
        }
    }
#else
    import SpeedLabScenarios

    /// The check of an endpoint; this build has no network client (see ``RealIOError/notBuilt``).
    public enum EndpointCheck {
        public static func problem(
            url: String, api: CompletionAPI, model: String, stream: Bool, apiKeyVariable: String?,
            timeoutSeconds: Double = 30
        ) async -> String? {
            RealIOError.notBuilt.description
        }
    }
#endif
