#if HTTPTransport
    import Foundation
    import SpeedLabStreaming
    import SpeedLabTransport
    import Testing

    #if canImport(Glibc)
        import Glibc
    #endif

    /// The services' OpenAI-compatible endpoints on the wire: raw HTTP/1.1 POSTs over a plain
    /// socket to a real server, streamed answers read with ``ServerSentEventReader`` and
    /// ``CompletionChunk``. Every schedule is seeded; times are checked only from below (and
    /// against a bound of seconds), so a busy machine does not fail them.
    @Suite(.serialized) struct CompletionsWireTests {
        /// What came back for one request: the status, the head's lines, the body (de-chunked),
        /// and each event with the time it arrived, from the request's send.
        struct Exchange {
            var status = 0
            var head = ""
            var body: [UInt8] = []
            /// Every byte after the head, as sent (chunked framing and any later answer included).
            var raw: [UInt8] = []
            var events: [(event: ServerSentEvent, at: Duration)] = []
            var closedAt: Duration = .zero

            var chunks: [CompletionChunk] { events.compactMap { try? CompletionChunk.decode($0.event.data) } }
            var contentEvents: [(chunk: CompletionChunk, at: Duration)] {
                events.compactMap { event in
                    guard let chunk = try? CompletionChunk.decode(event.event.data), chunk.content != nil else {
                        return nil
                    }
                    return (chunk, event.at)
                }
            }
            var json: [String: Any]? {
                try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            }
        }

        /// Reads a chunked body (RFC 9112 §7.1) as it arrives: the data bytes of what is given.
        struct Dechunker {
            private var sizeLine: [UInt8] = []
            private var remaining = 0
            private var skipLineEnd = false

            mutating func take(_ bytes: some Sequence<UInt8>) -> [UInt8] {
                var data: [UInt8] = []
                for byte in bytes {
                    if remaining > 0 {
                        data.append(byte)
                        remaining -= 1
                        if remaining == 0 { skipLineEnd = true }
                    } else if skipLineEnd {
                        if byte == 0x0A { skipLineEnd = false }
                    } else if byte == 0x0A {
                        let line = String(decoding: sizeLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                        remaining = Int(line.split(separator: ";").first ?? "", radix: 16) ?? 0
                        sizeLine = []
                    } else if byte != 0x0D {
                        sizeLine.append(byte)
                    }
                }
                return data
            }
        }

        /// Sends `text` on a new connection to `address`, reads until the services close it
        /// (requests say `connection: close`) or `closeAfter` elapses (then closes it itself).
        private func exchange(_ text: String, with address: String, closeAfter: Duration? = nil) throws -> Exchange {
            let (fd, start) = sendRequest(text, to: address)
            defer { close(fd) }
            return try read(fd, from: start, closeAfter: closeAfter)
        }

        /// Connects to `address` and sends `text`: the socket and when the request was sent.
        private func sendRequest(_ text: String, to address: String) -> (Int32, ContinuousClock.Instant) {
            let fd = LoopbackSocket.connect(to: address, receiveTimeout: timeval(tv_sec: 0, tv_usec: 100_000))
            let bytes = Array(text.utf8)
            let start = ContinuousClock.now
            #expect(send(fd, bytes, bytes.count, 0) == bytes.count)
            return (fd, start)
        }

        /// Reads the answer on `fd` until the services close it or `closeAfter` elapses.
        private func read(_ fd: Int32, from start: ContinuousClock.Instant, closeAfter: Duration?) throws -> Exchange {
            let clock = ContinuousClock()
            var exchange = Exchange()
            var headBytes: [UInt8] = []
            var headDone = false
            var chunked = false
            var dechunker = Dechunker()
            var reader = ServerSentEventReader()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while start.duration(to: clock.now) < (closeAfter ?? .seconds(10)) {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count == 0 { break }
                if count < 0 {
                    guard errno == EAGAIN || errno == EWOULDBLOCK else { break }
                    continue  // the receive timeout: look at the clock again
                }
                let at = start.duration(to: clock.now)
                var received = Array(buffer[0..<count])
                if !headDone {
                    headBytes += received
                    guard let end = headBytes.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
                    exchange.head = String(decoding: headBytes[..<end.lowerBound], as: UTF8.self)
                    exchange.status = Int(exchange.head.split(separator: " ").dropFirst().first ?? "") ?? 0
                    chunked = exchange.head.lowercased().contains("transfer-encoding: chunked")
                    received = Array(headBytes[end.upperBound...])
                    headDone = true
                }
                exchange.raw += received
                let data = chunked ? dechunker.take(received) : received
                exchange.body += data
                try reader.consume(data) { exchange.events.append(($0, at)) }
            }
            exchange.closedAt = start.duration(to: clock.now)
            return exchange
        }

        /// A POST of `json` to `path`, closing the connection after the answer.
        private func post(_ path: String, _ json: String, connection: String = "close") -> String {
            "POST \(path) HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: "
                + "\(json.utf8.count)\r\nconnection: \(connection)\r\n\r\n\(json)"
        }

        private func words(_ chunk: CompletionChunk) -> Int {
            (chunk.content ?? "").split(separator: " ").count
        }

        @Test(.timeLimit(.minutes(1)))
        func aChatStreamSendsTheRoleThenItsTokensInChunksThenDone() async throws {
            let server = try await ServicesServer.start()
            let body = """
                {"model":"m","messages":[{"role":"user","content":"one two three"}],"max_tokens":10,"stream":true,\
                "speedlab":{"seed":42,"request":7,"ttft_ms":5,"itl_ms":1,"tokens_per_chunk":3}}
                """
            let answer = try exchange(post("/v1/chat/completions", body), with: server.address)
            await server.shutdown()
            #expect(answer.status == 200)
            #expect(answer.head.contains("content-type: text/event-stream"))
            #expect(answer.head.contains("transfer-encoding: chunked"))
            let first = try #require(answer.events.first?.event.data)
            #expect(first.contains(#""delta":{"role":"assistant","content":""}"#))
            #expect(try CompletionChunk.decode(first).content == nil)
            #expect(answer.contentEvents.map { words($0.chunk) } == [3, 3, 3, 1])
            #expect(
                answer.events.dropFirst().allSatisfy {
                    $0.event.data.contains("chat.completion.chunk") || $0.event.data == "[DONE]"
                })
            #expect(answer.chunks.allSatisfy { $0.promptTokens == nil })
            #expect(answer.events.last?.event.data == "[DONE]")
            #expect(answer.events.count == 6)
        }

        @Test(.timeLimit(.minutes(1)))
        func usageComesLastBeforeDoneOnlyWhenAskedFor() async throws {
            let server = try await ServicesServer.start()
            let body = """
                {"model":"m","messages":[{"role":"system","content":"be brief"},\
                {"role":"user","content":[{"type":"text","text":"one  two\\nthree"}]}],\
                "max_tokens":4,"stream":true,"stream_options":{"include_usage":true},"speedlab":{"ttft_ms":1,"itl_ms":1}}
                """
            let answer = try exchange(post("/v1/chat/completions", body), with: server.address)
            await server.shutdown()
            let chunks = answer.chunks
            #expect(chunks.filter { $0.promptTokens != nil }.count == 1)
            let usage = try #require(chunks.dropLast().last)
            #expect(usage.promptTokens == 5)
            #expect(usage.completionTokens == 4)
            #expect(usage.content == nil)
            let data = try #require(answer.events.dropLast().last?.event.data)
            #expect(data.contains(#""choices":[]"#))
            #expect(data.contains(#""total_tokens":9"#))
            #expect(chunks.last?.isDone == true)
            #expect(answer.contentEvents.count == 4)
        }

        @Test(.timeLimit(.minutes(1)))
        func aCompletionsStreamSendsText() async throws {
            let server = try await ServicesServer.start()
            let body = """
                {"model":"m","prompt":"say something","max_tokens":5,"stream":true,"speedlab":{"ttft_ms":1,"itl_ms":1}}
                """
            let answer = try exchange(post("/v1/completions", body), with: server.address)
            await server.shutdown()
            #expect(answer.status == 200)
            #expect(answer.events.count == 6)
            #expect(answer.events.first?.event.data.contains(#""text":""#) == true)
            #expect(!answer.events.contains { $0.event.data.contains("delta") })
            #expect(answer.contentEvents.map { words($0.chunk) } == [1, 1, 1, 1, 1])
            #expect(answer.events.last?.event.data == "[DONE]")
        }

        @Test(.timeLimit(.minutes(1)))
        func withoutStreamOneJSONAnswerComesAfterTheWholeSchedule() async throws {
            let server = try await ServicesServer.start()
            let chat = """
                {"model":"m","messages":[{"role":"user","content":"a b c d"}],"max_tokens":6,\
                "speedlab":{"ttft_ms":20,"itl_ms":5,"tokens_per_chunk":2}}
                """
            let text = #"{"model":"m","prompt":["a b","c"],"max_tokens":3,"stream":false}"#
            let chatAnswer = try exchange(post("/v1/chat/completions", chat), with: server.address)
            let textAnswer = try exchange(post("/v1/completions", text), with: server.address)
            await server.shutdown()
            #expect(chatAnswer.status == 200)
            #expect(chatAnswer.head.contains("content-type: application/json"))
            let json = try #require(chatAnswer.json)
            let choice = try #require((json["choices"] as? [[String: Any]])?.first)
            let content = try #require((choice["message"] as? [String: Any])?["content"] as? String)
            #expect(content.split(separator: " ").count == 6)
            let usage = try #require(json["usage"] as? [String: Any])
            #expect(usage["prompt_tokens"] as? Int == 4)
            #expect(usage["completion_tokens"] as? Int == 6)
            #expect(usage["total_tokens"] as? Int == 10)
            #expect(json["object"] as? String == "chat.completion")
            #expect(chatAnswer.closedAt >= .milliseconds(20 + 5 * 5))

            let textJSON = try #require(textAnswer.json)
            let textChoice = try #require((textJSON["choices"] as? [[String: Any]])?.first)
            #expect((textChoice["text"] as? String)?.split(separator: " ").count == 3)
            #expect((textJSON["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 3)
        }

        @Test(.timeLimit(.minutes(1)))
        func aRequestDrawnToFailGetsA503JSONError() async throws {
            let server = try await ServicesServer.start()
            let body = #"{"prompt":"x","stream":true,"speedlab":{"seed":3,"request":1,"failure_rate":1}}"#
            let answer = try exchange(post("/v1/completions", body), with: server.address)
            await server.shutdown()
            #expect(answer.status == 503)
            #expect(answer.head.contains("content-type: application/json"))
            let error = try #require(answer.json?["error"] as? [String: Any])
            #expect(error["code"] as? Int == 503)
            #expect(throws: CompletionChunk.Failure.self) {
                try CompletionChunk.decode(String(decoding: answer.body, as: UTF8.self))
            }
            #expect(server.statistics.snapshot.errors == 1)
        }

        @Test(
            .timeLimit(.minutes(1)),
            arguments: [
                ("{\"prompt\": ", 400),
                ("[1, 2]", 400),
                (#"{"messages":"not an array"}"#, 400),
                (#"{"prompt":"x","max_tokens":0}"#, 400),
                (#"{"prompt":"x","speedlab":{"jitter":2}}"#, 400),
            ])
        func aBodyThatIsNotARequestGetsA400(_ body: String, _ status: Int) async throws {
            let server = try await ServicesServer.start()
            let path = body.contains("messages") ? "/v1/chat/completions" : "/v1/completions"
            let answer = try exchange(post(path, body), with: server.address)
            await server.shutdown()
            #expect(answer.status == status)
            #expect((answer.json?["error"] as? [String: Any])?["message"] is String)
        }

        @Test(.timeLimit(.minutes(1)))
        func aGetIsRefusedAndABodyOverTheLimitGetsA413() async throws {
            let server = try await ServicesServer.start()
            let get = try exchange("GET /v1/completions HTTP/1.1\r\nconnection: close\r\n\r\n", with: server.address)
            let large = try exchange(
                "POST /v1/completions HTTP/1.1\r\ncontent-length: 2000000\r\n\r\n{", with: server.address)
            await server.shutdown()
            #expect(get.status == 405)
            #expect(large.status == 413)
        }

        @Test(.timeLimit(.minutes(1)))
        func theFirstTokenWaitsForTheTTFTAndTheRestForTheirIntervals() async throws {
            let server = try await ServicesServer.start()
            let body = """
                {"messages":[{"role":"user","content":"hi"}],"max_tokens":5,"stream":true,\
                "speedlab":{"ttft_ms":40,"prefill_us_per_token":0,"itl_ms":10}}
                """
            let answer = try exchange(post("/v1/chat/completions", body), with: server.address)
            await server.shutdown()
            let content = answer.contentEvents
            #expect(content.count == 5)
            let first = try #require(content.first?.at)
            let last = try #require(answer.events.last?.at)
            #expect(first >= .milliseconds(40))
            #expect(last >= .milliseconds(80))
            #expect(last < .seconds(5))
            for (before, after) in zip(content, content.dropFirst()) {
                #expect(after.at - before.at >= .milliseconds(5))  // 10 ms each, read with slack
            }
        }

        /// Eight streams at once on a server whose capacity is two: every token interval while
        /// they overlap is about four times `itl_ms`, so the last ends long after one stream
        /// alone would (about 200 ms here).
        @Test(.timeLimit(.minutes(1)))
        func streamsBeyondTheCapacitySlowDown() async throws {
            let server = try await ServicesServer.start()
            let body = """
                {"prompt":"a","max_tokens":20,"stream":true,\
                "speedlab":{"ttft_ms":10,"prefill_us_per_token":0,"itl_ms":10,"capacity":2}}
                """
            let sent = (0..<8).map { _ in sendRequest(post("/v1/completions", body), to: server.address) }
            var answers: [Exchange] = []
            for (fd, start) in sent {
                answers.append(try read(fd, from: start, closeAfter: nil))
                close(fd)
            }
            await server.shutdown()
            #expect(answers.allSatisfy { $0.contentEvents.count == 20 && $0.events.last?.event.data == "[DONE]" })
            let longest = try #require(answers.map(\.closedAt).max())
            #expect(longest >= .milliseconds(400))
            #expect(longest < .seconds(10))
        }

        @Test(.timeLimit(.minutes(1)))
        func pipelinedStreamsOnOneConnectionAreAnsweredInOrder() async throws {
            let server = try await ServicesServer.start()
            let first = #"{"prompt":"a","max_tokens":2,"stream":true,"speedlab":{"ttft_ms":20,"itl_ms":1}}"#
            let second = #"{"prompt":"b","max_tokens":3,"stream":false,"speedlab":{"ttft_ms":1,"itl_ms":1}}"#
            let answer = try exchange(
                post("/v1/completions", first, connection: "keep-alive") + post("/v1/completions", second),
                with: server.address)
            await server.shutdown()
            // The stream's events, its end, then the second answer whole.
            let text = String(decoding: answer.raw, as: UTF8.self)
            let done = try #require(text.range(of: "data: [DONE]"))
            let next = try #require(text.range(of: "HTTP/1.1 200 OK"))
            #expect(done.lowerBound < next.lowerBound)
            #expect(text.contains("x-speedlab-connection-request: 2"))
            #expect(answer.contentEvents.count == 2)
        }

        @Test(.timeLimit(.minutes(1)))
        func aClientThatLeavesMidStreamStopsItsStream() async throws {
            let server = try await ServicesServer.start()
            let body = #"{"prompt":"a","max_tokens":1000,"stream":true,"speedlab":{"ttft_ms":1,"itl_ms":20}}"#
            let answer = try exchange(
                post("/v1/completions", body), with: server.address, closeAfter: .milliseconds(300))
            #expect(answer.contentEvents.count >= 1)
            #expect(answer.events.last?.event.data != "[DONE]")
            var inFlight = server.statistics.snapshot.inFlight
            for _ in 0..<100 where inFlight != 0 {
                try await Task.sleep(for: .milliseconds(20))
                inFlight = server.statistics.snapshot.inFlight
            }
            await server.shutdown()
            #expect(inFlight == 0)
        }
    }
#endif
