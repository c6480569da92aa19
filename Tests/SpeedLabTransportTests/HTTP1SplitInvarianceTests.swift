#if HTTPTransport
    import SpeedLabStatistics
    import Testing

    @testable import SpeedLabTransport

    /// Both HTTP/1 readers over thousands of generated messages, valid and mangled: whatever the
    /// bytes, reading them whole and reading them in random pieces give the same requests, the
    /// same answer and the same refusal. A reader that depended on where a read ends would let
    /// a slow or hostile peer change what is read.
    @Suite struct HTTP1SplitInvarianceTests {
        /// Seeded: the same cases on every run.
        private typealias Generator = SeededGenerator

        private static let requests = [
            "GET /call?service=0&query=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /health HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            "PUT /stats HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
            "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET /b HTTP/1.1\nConnection: close\n\n",
        ]

        private static let answers = [
            "HTTP/1.1 200 OK\r\ncontent-length: 4\r\nx-speedlab-call: 0/1/1/42\r\n\r\nbody",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "HTTP/1.0 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nno",
            "HTTP/1.1 200 OK\r\n\r\nuntil the close",
        ]

        /// `text` with a few random bytes replaced, inserted or deleted (or none).
        private func mangled(_ text: String, _ random: inout Generator) -> [UInt8] {
            var bytes = Array(text.utf8)
            let interesting: [UInt8] = Array(":\r\n ;0aF-".utf8) + [0, 0x1B, 0x7F, 0xFF]
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                let byte =
                    Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: if bytes.count > 1 { bytes.remove(at: at) }
                }
            }
            return bytes
        }

        /// `bytes` cut into pieces at random places.
        private func pieces(_ bytes: [UInt8], _ random: inout Generator) -> [[UInt8]] {
            var cuts = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Int.random(in: 0...bytes.count, using: &random)
            }
            cuts = ([0] + cuts + [bytes.count]).sorted()
            return zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
        }

        /// What the services read from `pieces`: the requests, then how the reading ended.
        private func requests(_ pieces: [[UInt8]]) -> [String] {
            var parser = RequestParser()
            var read: [String] = []
            for piece in pieces {
                do {
                    try piece.withUnsafeBytes { bytes in
                        var offset = 0
                        while let request = try parser.next(bytes, from: &offset) {
                            read.append("\(request.target) \(request.isHTTP10) \(request.keepAlive)")
                        }
                    }
                } catch {
                    return read + ["refused: \(error)"]
                }
            }
            return read
        }

        /// What the client reads from `pieces`: the answer, or how it was refused.
        private func answer(_ pieces: [[UInt8]]) -> String {
            var parser = AnswerParser()
            var consumedBefore = 0
            for piece in pieces {
                do {
                    let progress = try piece.withUnsafeBytes { try parser.consume($0) }
                    if case .complete(let consumed) = progress {
                        return "\(parser.status) \(parser.bodyBytes) \(parser.keepAlive) \(parser.answeredCall ?? "-") "
                            + "at \(consumedBefore + consumed)"
                    }
                } catch {
                    return "refused: \(error)"
                }
                consumedBefore += piece.count
            }
            return "needs more: \(parser.status) \(parser.bodyBytes) \(parser.endsWithClose)"
        }

        @Test func requestsReadTheSameHoweverTheBytesAreSplit() {
            var random = Generator(seed: 42)
            for _ in 0..<3_000 {
                var bytes: [UInt8] = []
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes += mangled(Self.requests.randomElement(using: &random)!, &random)
                }
                let whole = requests([bytes])
                let split = requests(pieces(bytes, &random))
                #expect(whole == split, "\(bytes)")
            }
        }

        @Test func answersReadTheSameHoweverTheBytesAreSplit() {
            var random = Generator(seed: 7)
            for _ in 0..<3_000 {
                let bytes = mangled(Self.answers.randomElement(using: &random)!, &random)
                let whole = answer([bytes])
                let split = answer(pieces(bytes, &random))
                #expect(whole == split, "\(bytes)")
            }
        }
    }
#endif
