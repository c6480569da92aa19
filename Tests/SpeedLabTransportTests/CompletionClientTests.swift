#if HTTPTransport
    import Foundation
    import SpeedLabScenarios
    import SpeedLabStreaming
    import SpeedLabTestSupport
    import SpeedLabTransport
    import Testing

    /// The streaming client against a server whose schedule is known (a first token after
    /// 40 ms, then one every 15 ms, each chunk flushed alone), and against each way such a
    /// server can fail: measured times match the schedule, tokens are exact, failures are
    /// counted with what was read, and nothing hangs.
    @Suite(.serialized) struct CompletionClientTests {
        static let ttftMs = 40.0
        static let itlMs = 15.0

        /// Starts `fake-services/llm-schedule.py`; the process, the pipe that stops it, and its port.
        static func startServer() throws -> (Process, Pipe, Int) {
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = [
                "python3", FixturePaths.fixtures.appendingPathComponent("fake-services/llm-schedule.py").path,
                String(ttftMs), String(itlMs),
            ]
            let output = Pipe()
            let input = Pipe()
            server.standardOutput = output
            server.standardInput = input
            server.standardError = FileHandle.nullDevice
            try server.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                kill(server.processIdentifier, SIGKILL)  // a signal the inherited mask cannot block
                throw CocoaError(.fileReadCorruptFile)
            }
            return (server, input, port)
        }

        static func call(port: Int, path: String, tokens: Int = 8, timeout: Double = 10) throws -> CompletionCall {
            let endpoint = try LLMEndpoint(url: "http://127.0.0.1:\(port)\(path)", api: .chat, scenario: "llm")
            let bodies = CompletionBodyBuilder(
                api: .chat, model: "m", promptTokens: 4, outputTokens: tokens, stream: true, knobs: nil)
            return CompletionCall(
                endpoint: endpoint, body: bodies.body(request: 0), headers: [], stream: true, number: 0,
                timeoutNanos: Int64(timeout * 1e9))
        }

        /// Runs `body` with a client and a running server, stopping both after.
        static func withServer(_ body: (CompletionClient, Int) async throws -> Void) async throws {
            let (server, input, port) = try startServer()
            let client = CompletionClient(servicesURL: nil)
            // Stopped with a signal, not only by closing its input: a descriptor of the pipe that
            // another test's child inherited would keep the input open.
            func stop() {
                try? input.fileHandleForWriting.close()
                kill(server.processIdentifier, SIGKILL)  // a signal the inherited mask cannot block
                server.waitUntilExit()
            }
            do {
                try await body(client, port)
            } catch {
                await client.shutdown()
                stop()
                throw error
            }
            await client.shutdown()
            stop()
        }

        @Test(.timeLimit(.minutes(1))) func measuredTimesMatchTheServersKnownSchedule() async throws {
            try await Self.withServer { client, port in
                for path in ["/v1/chat/completions", "/crlf"] {
                    let timing = try await client.complete(try Self.call(port: port, path: path))
                    #expect(timing.error == nil, "\(path): \(timing.error ?? "")")
                    #expect(timing.outputTokens == 8)
                    #expect(timing.tokenSource == .usage)
                    #expect(timing.contentArrivals.count == 8)
                    let ttft = (timing.ttftNanos ?? 0) / 1e6
                    // A generous bound on behaviour: the server's own sleep and a busy machine add to it.
                    #expect(ttft >= Self.ttftMs - 1 && ttft < Self.ttftMs + 25, "\(path): ttft \(ttft) ms")
                    let gaps = timing.itlNanos.map { $0 / 1e6 }.sorted()
                    let median = gaps[gaps.count / 2]
                    #expect(abs(median - Self.itlMs) < 5, "\(path): itl median \(median) ms")
                }
            }
        }

        @Test(.timeLimit(.minutes(1))) func everyFailureIsATimingWithWhatWentWrong() async throws {
            try await Self.withServer { client, port in
                let expected = [
                    "/error": "the model crashed", "/status": "HTTP 503: overloaded, try later",
                    "/html": "not an event stream", "/cut": "closed the connection",
                ]
                for (path, message) in expected.sorted(by: { $0.key < $1.key }) {
                    let timing = try await client.complete(try Self.call(port: port, path: path))
                    #expect(timing.error?.contains(message) == true, "\(path): \(timing.error ?? "no error")")
                    #expect(!timing.succeeded)
                }
                let late = try await client.complete(
                    try Self.call(port: port, path: "/v1/chat/completions", timeout: 0.01))
                #expect(late.error?.contains("no complete answer within 0.01 s") == true, "\(late.error ?? "")")
                // The client is still good for the next request after every failure.
                let after = try await client.complete(
                    try Self.call(port: port, path: "/v1/chat/completions", tokens: 2))
                #expect(after.error == nil && after.outputTokens == 2)
            }
        }

        @Test(.timeLimit(.minutes(1))) func aRefusedConnectionFailsTheRequestNotTheRun() async throws {
            let (server, input, port) = try Self.startServer()
            try input.fileHandleForWriting.close()
            kill(server.processIdentifier, SIGKILL)  // a signal the inherited mask cannot block
            server.waitUntilExit()  // nothing listens on its port now
            let client = CompletionClient(servicesURL: nil)
            let timing = try await client.complete(try Self.call(port: port, path: "/v1/chat/completions"))
            await client.shutdown()
            #expect(timing.error?.contains("cannot connect") == true, "\(timing.error ?? "")")
        }
    }
#endif
