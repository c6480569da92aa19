#if HTTPTransport
    import Testing

    @testable import SpeedLabTransport

    /// The services read requests with ``RequestParser``: these pin that pipelined requests
    /// read the same however the reads split them, that bodies are skipped to the next
    /// request, and that anything that could be read two ways is refused.
    @Suite struct RequestParserTests {
        /// Every request (target, HTTP/1.0, keep-alive) read from `pieces` in order.
        private func requests(_ pieces: [[UInt8]]) throws -> [String] {
            var parser = RequestParser()
            var read: [String] = []
            for piece in pieces {
                try piece.withUnsafeBytes { bytes in
                    var offset = 0
                    while let request = try parser.next(bytes, from: &offset) {
                        read.append("\(request.target) \(request.isHTTP10 ? "1.0" : "1.1") \(request.keepAlive)")
                    }
                    #expect(offset == bytes.count)
                }
            }
            return read
        }

        private func splits(_ text: String) -> [[[UInt8]]] {
            let bytes = Array(text.utf8)
            var all = (0...bytes.count).map { cut in [Array(bytes[..<cut]), Array(bytes[cut...])] }
            all.append(bytes.map { [$0] })
            return all
        }

        @Test func pipelinedRequestsWithBodiesReadTheSameHoweverTheReadsSplitThem() throws {
            let text =
                "GET /call?service=0&query=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /health HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                + "PUT /stats HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n"
                + "GET /a HTTP/1.0\r\n\r\n"
                + "GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "\r\nGET /c HTTP/1.1\nConnection: close\n\n"
            let expected = [
                "/call?service=0&query=1 1.1 true", "/health 1.1 true", "/stats 1.1 true", "/a 1.0 false",
                "/b 1.0 true", "/c 1.1 false",
            ]
            for pieces in splits(text) {
                #expect(try requests(pieces) == expected)
            }
        }

        @Test(arguments: [
            ("GET /x HTTP/2.0\r\n\r\n", "not an HTTP/1 request line"),
            ("GET /x\r\n\r\n", "not an HTTP/1 request line"),
            ("GET  /x HTTP/1.1\r\n\r\n", "not an HTTP/1 request line"),
            ("GET /x HTTP/1.1 \r\n\r\n", "not an HTTP/1 request line"),
            ("G(T /x HTTP/1.1\r\n\r\n", "not an HTTP/1 request line"),
            ("GET /a\u{7F}b HTTP/1.1\r\n\r\n", "not an HTTP/1 request line"),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\r\n\r\n", "not an HTTP/1 request line"),
            ("GET /x HTTP/1.1\r\nno colon\r\n\r\n", "a header line without a colon"),
            ("GET /x HTTP/1.1\r\n folded: x\r\n\r\n", "a header name that is not a token"),
            ("GET /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different content-length"),
            ("GET /x HTTP/1.1\r\nContent-Length: +1\r\n\r\n", "content-length is not a length"),
            ("GET /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "both content-length"),
            ("GET /x HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "does not end in chunked"),
            ("GET /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "in an HTTP/1.0 request"),
            ("GET /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfoo\r\n", "not hexadecimal"),
        ])
        func requestsThatCouldBeReadTwoWaysAreRefused(_ text: String, _ reason: String) {
            #expect {
                _ = try requests([Array(text.utf8)])
            } throws: { error in
                "\(error)".contains(reason) && !"\(error)".unicodeScalars.contains { $0.value < 0x20 }
            }
        }

        /// Every POST body read from `pieces` in order, as text (other requests' bodies are skipped).
        private func bodies(_ pieces: [[UInt8]]) throws -> [String] {
            var parser = RequestParser()
            var read: [String] = []
            for piece in pieces {
                try piece.withUnsafeBytes { bytes in
                    var offset = 0
                    while let request = try parser.next(bytes, from: &offset) {
                        read.append(
                            "\(request.isPOST ? "POST" : "other") \(String(decoding: request.body, as: UTF8.self))")
                    }
                }
            }
            return read
        }

        @Test func postBodiesAreKeptHoweverTheReadsSplitThem() throws {
            let text =
                "POST /v1/completions HTTP/1.1\r\nContent-Length: 14\r\n\r\n{\"prompt\":\"a\"}"
                + "PUT /health HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /v1/chat/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;x=y\r\n{\"a\r\n2\r\n\":\r\n1\r\n1\r\n1\r\n}\r\n0\r\nT: 1\r\n\r\n"
                + "POST /x HTTP/1.1\r\n\r\n"
            let expected = ["POST {\"prompt\":\"a\"}", "other ", "POST {\"a\":1}", "POST "]
            for pieces in splits(text) {
                #expect(try bodies(pieces) == expected)
            }
        }

        @Test(arguments: [false, true])
        func postBodiesLongerThanTheLimitAreRefusedAsTooLarge(chunked: Bool) throws {
            let text =
                chunked
                ? "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n"
                : "POST /x HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n"
            var parser = RequestParser()
            let head = Array(text.utf8)
            let more = [UInt8](repeating: 0x61, count: 65_536)
            #expect {
                try head.withUnsafeBytes { bytes in
                    var offset = 0
                    _ = try parser.next(bytes, from: &offset)
                }
                for _ in 0..<17 {
                    try more.withUnsafeBytes { bytes in
                        var offset = 0
                        _ = try parser.next(bytes, from: &offset)
                    }
                }
            } throws: { error in
                (error as? HTTPMalformed)?.isTooLarge == true
            }
            // A GET's body of the same length is skipped, never kept.
            var skipping = RequestParser()
            let get = Array("GET /x HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n".utf8)
            let skipped = try get.withUnsafeBytes { bytes in
                var offset = 0
                let request = try skipping.next(bytes, from: &offset)
                return request == nil && offset == bytes.count
            }
            #expect(skipped)
        }

        @Test func aHeadThatNeverEndsIsRefusedAtItsLimit() {
            let pieces =
                [Array("GET /x HTTP/1.1\r\n".utf8)] + Array(repeating: [UInt8](repeating: 0x61, count: 8192), count: 9)
            #expect {
                _ = try requests(pieces)
            } throws: { error in
                "\(error)".contains("ran past \(HTTPBytes.headLimit) bytes")
            }
        }
    }
#endif
