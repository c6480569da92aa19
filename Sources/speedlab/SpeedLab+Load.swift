import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabStore
import SpeedLabTransport

extension SpeedLab {
    /// `speedlab load URL …`: load an OpenAI-compatible server at request rates (or
    /// concurrencies) as one run, like the sweep file it stands for.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an OpenAI-compatible server at request rates or concurrencies and store every request.",
            discussion: """
                Examples:
                  speedlab load http://127.0.0.1:8000/v1/chat/completions --model my-model --rate 2,4,8,16
                  speedlab load http://127.0.0.1:8000/v1/completions --api completions --concurrency 1,8,32 \\
                    --prompt-tokens 512 --output-tokens 128 --slo ttft_ms=500,tpot_ms=50 --api-key-env OPENAI_API_KEY
                A load only goes where you point it. One request checks the endpoint first: a refused
                connection, a refused key, a missing endpoint or an answer that is not OpenAI-compatible is
                a one-line error (exit 69) and nothing is stored. The API key is read from the variable
                --api-key-env names and sent as a bearer token; it is never stored, printed or reported
                (the stored sweep holds the variable's name). The run stores the sweep YAML these flags
                stand for (`speedlab show RUN` prints it).
                Exit codes: 0 completed, 1 a point failed, 64 usage, 69 the endpoint does not answer, 130 interrupted.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The endpoint: http://HOST:PORT/v1/chat/completions (or /v1/completions).") var url: String
        @Option(help: "The model named in every request.") var model = "speedlab"
        @Option(help: "chat (messages) or completions (a prompt).") var api = Choice(CompletionAPI.chat)
        @Option(help: "Requests per second of an open loop, comma-separated (e.g. 2,4,8).") var rate: String?
        @Option(help: "Requests in flight of a closed loop, comma-separated (e.g. 1,8,32).") var concurrency: String?
        @Option(help: "How an open loop's requests arrive.") var arrival = Choice(ArrivalProcess.poisson)
        @Option(help: "The most requests of an open loop in flight (a due request waits for a slot).")
        var maxConcurrency: Int?
        @Option(help: "Requests per repetition.") var requests = 100
        @Option(help: "An open loop sends every request due within this many seconds instead of --requests.")
        var duration: Double?
        @Option(help: "Words of the synthetic prompt.") var promptTokens = 256
        @Option(help: "max_tokens of every request.") var outputTokens = 64
        @Option(help: "Objectives per request, e.g. ttft_ms=500,tpot_ms=50,e2e_ms=4000.") var slo: String?
        @Option(help: "The environment variable holding the API key.") var apiKeyEnv: String?
        @Option(help: "Seconds one request may take before it fails.") var timeout: Double?
        @Flag(inversion: .prefixedNo, help: "Stream the answers (server-sent events) or not.") var stream = true
        @Option(help: "Measured repetitions per point, 1 to 100000, or `auto` (default 3).")
        var runs: RepetitionsArgument?
        @Option(help: "Unmeasured warm-up repetitions per point, 0 to 10000.") var warmup = 1
        @Option(help: "A label stored with the run.") var label: String?
        @Flag(help: "Do not write the report (reports/<run-id>/) when the run ends.") var noReport = false

        func validate() throws {
            guard (1...1_000_000).contains(requests) else {
                throw ValidationError("--requests must be from 1 to 1000000 (got \(requests)).")
            }
            if case .fixed(let count) = runs?.count, !(1...100_000).contains(count) {
                throw ValidationError("--runs must be from 1 to 100000, or auto (got \(count)).")
            }
            guard (0...10_000).contains(warmup) else {
                throw ValidationError("--warmup must be from 0 to 10000 (got \(warmup)).")
            }
            if let timeout, !(timeout > 0 && timeout <= 3_600) {
                throw ValidationError("--timeout must be above 0 and at most 3600 seconds (got \(timeout)).")
            }
            _ = try rates()
            _ = try concurrencies()
        }

        func rates() throws -> [Double] {
            try (rate?.split(separator: ",") ?? []).map { text in
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value <= 1_000_000
                else {
                    throw ValidationError("--rate takes request rates above 0 and at most 1000000, got '\(text)'.")
                }
                return value
            }
        }

        func concurrencies() throws -> [Int] {
            try (concurrency?.split(separator: ",") ?? []).map { text in
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)), (1...100_000).contains(value) else {
                    throw ValidationError("--concurrency takes whole numbers from 1 to 100000, got '\(text)'.")
                }
                return value
            }
        }

        func run() async throws {
            if let apiKeyEnv, (ProcessInfo.processInfo.environment[apiKeyEnv] ?? "").isEmpty {
                throw ValidationError("the environment variable \(apiKeyEnv) (--api-key-env) is not set.")
            }
            if let problem = await EndpointCheck.problem(
                url: url, api: api.value, model: model, stream: stream, apiKeyVariable: apiKeyEnv)
            {
                FileHandle.standardError.write(Data("error: \(TerminalText.safe(problem))\n".utf8))
                throw ExitCode(SpeedLabExitCode.servicesUnavailable.rawValue)
            }
            let sweepText: String
            do {
                sweepText = LoadSweep(
                    url: url, model: model, api: api.value, stream: stream, rates: try rates(),
                    concurrencies: try concurrencies(), arrival: arrival.value, maxConcurrency: maxConcurrency,
                    requests: requests, durationSeconds: duration, promptTokens: promptTokens,
                    outputTokens: outputTokens, objectives: try slo.map(LoadSweep.objectives) ?? [],
                    apiKeyVariable: apiKeyEnv, timeoutSeconds: timeout, repetitions: runs?.count ?? .fixed(3),
                    warmup: warmup, label: label
                ).yaml()
            } catch let error as LoadSweepError {
                throw ValidationError(error.description)
            }
            try await RunMeasurement.measure(
                sweepYAML: sweepText, source: "speedlab load", store: store, writesReport: !noReport)
        }
    }
}
