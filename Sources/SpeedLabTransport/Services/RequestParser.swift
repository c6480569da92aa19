#if HTTPTransport
    /// Reads the HTTP/1 requests of one connection from its bytes, however the reads split
    /// them and however many arrive in one read (pipelined): the request line, the headers
    /// that decide the connection's fate and the body's end (`connection`, `content-length`,
    /// `transfer-encoding`), then the body: a POST's body is kept for its handler (at most
    /// ``bodyLimit`` bytes: a longer one is refused with ``HTTPMalformed/isTooLarge``, which the
    /// services answer with a 413 and a close), any other request's is skipped (those answer to
    /// the target alone).
    ///
    /// A request is refused (``HTTPMalformed``, which the services answer with a 400 and a
    /// close) when its request line or a header is not HTTP/1.0 or 1.1, when its head runs past
    /// ``HTTPBytes/headLimit``, when it has both a length and a transfer coding or two lengths
    /// that differ, or a transfer coding that does not end in chunked (RFC 9112 §6): whatever
    /// could be read two ways is never read at all.
    struct RequestParser {
        /// One request read in full.
        struct Request {
            /// The path and query, as sent.
            let target: String
            /// HTTP/1.0 (answered as 1.0).
            let isHTTP10: Bool
            /// Whether the connection stays open after the answer.
            let keepAlive: Bool
            /// Whether the method is `POST`, whose body is kept.
            var isPOST = false
            /// The body of a POST, as its bytes (chunks joined); empty for other methods.
            var body: [UInt8] = []
        }

        /// The longest POST body kept: 1 MiB.
        static let bodyLimit = 1 << 20

        private enum State {
            case head
            case length(remaining: Int, Request)
            case chunked(ChunkedBody, Request)
        }

        private var state = State.head
        private var head = HeadBuffer()

        /// Reads `bytes` from `offset` on: the next whole request, with `offset` moved past it,
        /// or nil once every byte is read (what a request still lacks is kept for the next call).
        mutating func next(_ bytes: UnsafeRawBufferPointer, from offset: inout Int) throws(HTTPMalformed) -> Request? {
            while true {
                switch state {
                case .head:
                    guard offset < bytes.count, let found = try head.find(in: bytes, from: offset) else {
                        offset = bytes.count
                        return nil
                    }
                    let request: Request
                    switch found {
                    case .inPlace(let range):
                        request = try readHead(UnsafeRawBufferPointer(rebasing: bytes[range]))
                        offset = range.upperBound
                    case .gathered(let gathered, let end):
                        let read = gathered.withUnsafeBytes { gathered in
                            Result { () throws(HTTPMalformed) in try readHead(gathered) }
                        }
                        request = try read.get()
                        offset = end
                    }
                    if case .head = state { return request }
                case .length(let remaining, var request):
                    state = .head  // the request's body is then held once, and grows in place
                    let taken = min(remaining, bytes.count - offset)
                    if request.isPOST { request.body.append(contentsOf: bytes[offset..<(offset + taken)]) }
                    offset += taken
                    guard taken == remaining else {
                        state = .length(remaining: remaining - taken, request)
                        return nil
                    }
                    state = .head
                    return request
                case .chunked(var body, var request):
                    state = .head
                    var kept: [UInt8]? = request.isPOST ? request.body : nil
                    request.body = []  // the body is then held once, and grows in place
                    let (end, _, done) = try body.consume(bytes, from: offset, keeping: &kept)
                    if let kept { request.body = kept }
                    offset = end
                    guard request.body.count <= Self.bodyLimit else {
                        throw HTTPMalformed("a body of more than \(Self.bodyLimit) bytes", isTooLarge: true)
                    }
                    guard done else {
                        state = .chunked(body, request)
                        return nil
                    }
                    state = .head
                    return request
                }
            }
        }

        /// Reads a request's head and sets where its body ends.
        private mutating func readHead(_ head: UnsafeRawBufferPointer) throws(HTTPMalformed) -> Request {
            var lines = HeadLines(head)
            guard let requestLine = lines.next() else { throw HTTPMalformed("an empty request") }
            let (target, minor, isPOST) = try Self.readRequestLine(requestLine)
            var keepAlive = minor == 1
            var length: Int?
            var coded = false
            var chunked = false
            while let (name, value) = try lines.nextHeader() {
                if HTTPBytes.equalsIgnoringCase(name, "connection") {
                    if HTTPBytes.containsToken(value, "close") { keepAlive = false }
                    if HTTPBytes.containsToken(value, "keep-alive") { keepAlive = true }
                } else if HTTPBytes.equalsIgnoringCase(name, "content-length") {
                    length = try HTTPBytes.contentLength(value, after: length)
                } else if HTTPBytes.equalsIgnoringCase(name, "transfer-encoding") {
                    coded = true
                    chunked = HTTPBytes.equalsIgnoringCase(HTTPBytes.lastToken(value), "chunked")
                }
            }
            var request = Request(target: target, isHTTP10: minor == 0, keepAlive: keepAlive)
            request.isPOST = isPOST
            if coded {
                guard chunked else { throw HTTPMalformed("a transfer coding that does not end in chunked") }
                guard length == nil else { throw HTTPMalformed("both content-length and transfer-encoding") }
                guard minor == 1 else { throw HTTPMalformed("a transfer coding in an HTTP/1.0 request") }
                state = .chunked(ChunkedBody(), request)
            } else if let length, length > 0 {
                if isPOST {
                    guard length <= Self.bodyLimit else {
                        throw HTTPMalformed("a body of \(length) bytes, more than \(Self.bodyLimit)", isTooLarge: true)
                    }
                    request.body.reserveCapacity(length)
                }
                state = .length(remaining: length, request)
            }
            return request
        }

        /// `METHOD TARGET HTTP/1.x`: the target (visible ASCII from `/`), x, and whether the
        /// method is `POST`.
        private static func readRequestLine(_ line: UnsafeRawBufferPointer) throws(HTTPMalformed) -> (
            String, Int, Bool
        ) {
            guard let firstSpace = line.firstIndex(of: UInt8(ascii: " ")), firstSpace > 0,
                UnsafeRawBufferPointer(rebasing: line[..<firstSpace]).allSatisfy(HTTPBytes.isTokenByte),
                let secondSpace = line[(firstSpace + 1)...].firstIndex(of: UInt8(ascii: " ")),
                secondSpace > firstSpace + 1
            else { throw HTTPMalformed("not an HTTP/1 request line: \(HTTPBytes.shown(line))") }
            let target = UnsafeRawBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
            let version = UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...])
            guard target.allSatisfy({ (0x21...0x7E).contains($0) }),
                version.count == 8, HTTPBytes.spells(UnsafeRawBufferPointer(rebasing: version[..<7]), "HTTP/1."),
                let minor = HTTPBytes.digit(version[7]), minor <= 1
            else { throw HTTPMalformed("not an HTTP/1 request line: \(HTTPBytes.shown(line))") }
            let isPOST = HTTPBytes.spells(UnsafeRawBufferPointer(rebasing: line[..<firstSpace]), "POST")
            return (String(decoding: target, as: UTF8.self), minor, isPOST)
        }
    }
#endif
