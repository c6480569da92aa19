#if HTTPTransport
    import Foundation
    import SpeedLabScenarios
    import SpeedLabTransport
    import Testing

    #if canImport(Glibc)
        import Glibc
    #endif

    /// The services' answers on the wire, read from a plain socket: pipelined requests are
    /// answered in order (a held answer first), HTTP/1.0 keeps its connection only when asked,
    /// and bytes that are not HTTP get a 400 and a closed connection.
    @Suite(.serialized) struct ServicesWireTests {
        /// Sends `text` on a new connection to `address` and reads until the services close it
        /// or `answers` answers have arrived (counted by their status lines).
        private func exchange(_ text: String, with address: String, answers: Int) throws -> String {
            let fd = LoopbackSocket.connect(to: address, receiveTimeout: timeval(tv_sec: 10, tv_usec: 0))
            defer { close(fd) }
            let bytes = Array(text.utf8)
            #expect(send(fd, bytes, bytes.count, 0) == bytes.count)
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while String(decoding: received, as: UTF8.self).components(separatedBy: "HTTP/1.").count - 1 < answers {
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { break }
                received += buffer[0..<count]
            }
            return String(decoding: received, as: UTF8.self)
        }

        @Test(.timeLimit(.minutes(1)))
        func pipelinedRequestsAreAnsweredInOrderAfterAHeldAnswer() async throws {
            let server = try await ServicesServer.start()
            let call = ServiceCall(
                service: 2, query: 7, attempt: 1, seed: 42, meanLatencyNanos: 30e6, jitter: 0, failureRate: 0,
                responseBytes: 5)
            let text =
                "GET \(ServiceRoute.target(of: call)) HTTP/1.1\r\nhost: x\r\n\r\n"
                + "GET /health HTTP/1.1\r\nhost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nhost: x\r\n\r\n"
            let answer = try exchange(text, with: server.address, answers: 3)
            await server.shutdown()
            let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map {
                $0.components(separatedBy: "\r\n")[0]
            }
            #expect(statuses == ["200 OK", "200 OK", "404 Not Found"])
            #expect(answer.contains("\(ServiceRoute.callHeader): \(ServiceRoute.tag(of: call))\r\n"))
            #expect(answer.contains("content-length: 5\r\n"))
            #expect(answer.contains("sssss"))
            #expect(answer.contains("x-speedlab-connection-request: 3\r\n"))
            let order = ["sssss", "ok\n", "no such path"].map { answer.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order[0]! < order[1]! && order[1]! < order[2]!)
        }

        @Test(.timeLimit(.minutes(1)))
        func http10ClosesUnlessAskedToKeepTheConnection() async throws {
            let server = try await ServicesServer.start()
            let closing = try exchange("GET /health HTTP/1.0\r\n\r\n", with: server.address, answers: 2)
            let kept = try exchange(
                "GET /health HTTP/1.0\r\nconnection: keep-alive\r\n\r\n", with: server.address, answers: 1)
            await server.shutdown()
            #expect(closing.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(closing.contains("connection: close\r\n"))
            #expect(closing.hasSuffix("ok\n"))
            #expect(kept.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(kept.contains("connection: keep-alive\r\n"))
        }

        @Test(.timeLimit(.minutes(1)))
        func bytesThatAreNotHTTPGetA400AndTheConnectionCloses() async throws {
            let server = try await ServicesServer.start()
            let answer = try exchange("\u{1}\u{2} not http at all\r\n\r\n", with: server.address, answers: 2)
            await server.shutdown()
            #expect(answer == "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        }

        @Test(.timeLimit(.minutes(1)))
        func requestBodiesAreSkippedToThePipelinedRequestBehindThem() async throws {
            let server = try await ServicesServer.start()
            let answer = try exchange(
                "POST /health HTTP/1.1\r\ncontent-length: 11\r\n\r\nGET /nope x"
                    + "PUT /health HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n4\r\nGET \r\n0\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nconnection: close\r\n\r\n",
                with: server.address, answers: 3)
            await server.shutdown()
            #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 4)
            #expect(!answer.contains("404"))
            #expect(answer.contains("x-speedlab-connection-request: 3\r\nconnection: close"))
        }

        @Test(.timeLimit(.minutes(1)))
        func aRequestWithALengthAndAChunkedBodyGetsA400() async throws {
            let server = try await ServicesServer.start()
            let answer = try exchange(
                "GET /health HTTP/1.1\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n",
                with: server.address, answers: 2)
            await server.shutdown()
            #expect(answer == "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        }
    }
#endif
