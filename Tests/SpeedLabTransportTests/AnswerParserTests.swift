#if HTTPTransport
    import SpeedLabScenarios
    import Testing

    @testable import SpeedLabTransport

    /// The lean client reads the services' answers with ``AnswerParser``: these pin that an
    /// answer reads the same however the connection's reads split it, that every way HTTP/1.1
    /// ends a body is understood, and that what is not HTTP/1 is refused with its reason.
    @Suite struct AnswerParserTests {
        private struct Read {
            var parser = AnswerParser()
            var progress = AnswerParser.Progress.needsMore
            /// Bytes of the last piece left after the answer ended.
            var left = 0
        }

        /// Feeds `pieces` in order until the answer ends.
        private func read(_ pieces: [[UInt8]]) throws -> Read {
            var read = Read()
            for piece in pieces {
                read.progress = try piece.withUnsafeBytes { bytes in
                    try read.parser.consume(bytes)
                }
                if case .complete(let consumed) = read.progress {
                    read.left = piece.count - consumed
                    return read
                }
            }
            return read
        }

        /// `text` cut at `cuts`, and also byte by byte.
        private func splits(_ text: [UInt8]) -> [[[UInt8]]] {
            var all = (0...text.count).map { cut in [Array(text[..<cut]), Array(text[cut...])] }
            all.append(text.map { [$0] })
            return all
        }

        private let servicesAnswer =
            Array(
                ("HTTP/1.1 200 OK\r\ncontent-length: 1024\r\nx-speedlab-call: 0/7/1/42\r\n"
                    + "x-speedlab-connection-request: 3\r\ncontent-type: application/octet-stream\r\n\r\n").utf8)
            + [UInt8](repeating: 0x61, count: 1024)

        @Test func aServicesAnswerReadsTheSameHoweverTheReadsSplitIt() throws {
            for pieces in splits(servicesAnswer) {
                let read = try read(pieces)
                #expect(read.progress != .needsMore)
                #expect(read.left == 0)
                #expect(read.parser.status == 200)
                #expect(read.parser.bodyBytes == 1024)
                #expect(read.parser.answeredCall == "0/7/1/42")
                #expect(read.parser.connectionRequest == 3)
                #expect(read.parser.keepAlive)
            }
        }

        @Test func anAnswerEndsWhereItsLengthSaysAndTheNextOneReadsAfterAReset() throws {
            var parser = AnswerParser()
            let two = servicesAnswer + Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nno".utf8)
            let first = try two.withUnsafeBytes { try parser.consume($0) }
            #expect(first == .complete(consumed: servicesAnswer.count))
            parser.reset()
            let second = try Array(two[servicesAnswer.count...]).withUnsafeBytes { try parser.consume($0) }
            #expect(second == .complete(consumed: two.count - servicesAnswer.count))
            #expect(parser.status == 503)
            #expect(parser.bodyBytes == 2)
            #expect(parser.answeredCall == nil)
        }

        @Test func chunkedBodiesAreCountedAcrossEverySplit() throws {
            let answer = Array(
                ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: y\r\n\r\n").utf8)
            for pieces in splits(answer) {
                let read = try read(pieces)
                #expect(read.progress != .needsMore)
                #expect(read.left == 0)
                #expect(read.parser.bodyBytes == 31)
                #expect(read.parser.keepAlive)
            }
        }

        @Test func theConnectionsFateFollowsTheVersionAndTheConnectionHeader() throws {
            let cases: [(String, Bool)] = [
                ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true),
                ("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n", false),
                ("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false),
                ("HTTP/1.0 200 OK\r\nConnection: foo, keep-alive\r\nContent-Length: 0\r\n\r\n", true),
                ("HTTP/1.1 200 OK\nContent-Length: 0\n\n", true),
            ]
            for (text, keepAlive) in cases {
                let read = try read([Array(text.utf8)])
                #expect(read.progress == .complete(consumed: text.utf8.count), "\(text)")
                #expect(read.parser.keepAlive == keepAlive, "\(text)")
            }
        }

        @Test func aBodyWithoutALengthRunsUntilTheConnectionCloses() throws {
            let read = try read([Array("HTTP/1.1 200 OK\r\nServer: x\r\n\r\nsome".utf8), Array("more".utf8)])
            #expect(read.progress == .needsMore)
            #expect(read.parser.endsWithClose)
            #expect(!read.parser.keepAlive)
            #expect(read.parser.bodyBytes == 8)
        }

        @Test func informationalAnswersAreSkippedAndNoContentHasNoBody() throws {
            let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"
            for pieces in splits(Array(text.utf8)) {
                let read = try read(pieces)
                #expect(read.progress != .needsMore)
                #expect(read.left == 0)
                #expect(read.parser.status == 204)
                #expect(read.parser.bodyBytes == 0)
            }
        }

        @Test(arguments: [
            ("HTTP/2 200 OK\r\n\r\n", "not an HTTP/1 status line"),
            ("HTTP/1.1 20 OK\r\n\r\n", "not an HTTP/1 status line"),
            ("http/1.1 200 OK\r\n\r\n", "not an HTTP/1 status line"),
            ("ICY 200 OK\r\n\r\n", "not an HTTP/1 status line"),
            ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "a header line without a colon"),
            ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "a header name that is not a token"),
            ("HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", "a header name that is not a token"),
            ("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n", "content-length is not a length"),
            ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "content-length is not a length"),
            ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "content-length is not a length"),
            ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "two different content-length"),
            ("HTTP/1.1 101 Switching Protocols\r\n\r\n", "switches protocols"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not hexadecimal"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "a chunk without a size"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n", "more than 15"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX", "not followed by a line end"),
        ])
        func malformedAnswersAreRefusedWithTheirReason(_ text: String, _ reason: String) {
            #expect {
                _ = try read([Array(text.utf8)])
            } throws: { error in
                "\(error)".contains(reason)
            }
        }

        @Test func aHeadThatNeverEndsIsRefusedAtItsLimit() {
            let piece = Array("HTTP/1.1 200 OK\r\n".utf8) + [UInt8](repeating: 0x61, count: 4096)
            let more = [UInt8](repeating: 0x61, count: 4096)
            #expect {
                _ = try read([piece] + Array(repeating: more, count: 20))
            } throws: { error in
                "\(error)".contains("ran past \(HTTPBytes.headLimit) bytes")
            }
        }

        @Test func aRefusedAnswerNeverEchoesControlBytes() {
            #expect {
                _ = try read([Array("HTTP/1.1 200 OK\r\n\u{1B}[31mred\u{07}\r\n\r\n".utf8)])
            } throws: { error in
                let text = "\(error)"
                return text.contains("\\x1B[31mred\\x07") && !text.unicodeScalars.contains { $0.value < 0x20 }
            }
        }

        @Test func theClientRefusesATargetThatCouldSplitItsRequest() async throws {
            let client = HTTPServiceClient(baseURL: "http://127.0.0.1:9")
            for target in ["/health\r\nx-injected: 1", "/a b", "health", ""] {
                await #expect(throws: TransportError.self) { _ = try await client.get(target) }
            }
            await client.shutdown()
        }
    }
#endif
