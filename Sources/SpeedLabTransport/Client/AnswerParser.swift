#if HTTPTransport
    /// Reads one HTTP/1.1 answer at a time from a connection's bytes, however the reads split
    /// them: the status line and the headers the lean client needs (`content-length`,
    /// `transfer-encoding`, `connection`, SpeedLab's `x-speedlab-call` and
    /// `x-speedlab-connection-request`), then the body, counted and dropped, whether its length
    /// is given, chunked, or runs until the connection closes. Informational answers (1xx but
    /// 101) are skipped; 204 and 304 have no body.
    ///
    /// What it does not understand is an ``HTTPMalformed`` error, never a guess: the
    /// connection is then closed, so no byte of a broken answer reaches the next request.
    struct AnswerParser {
        /// What one call of ``consume(_:)`` got to.
        enum Progress: Equatable {
            /// Every byte given was read; the answer needs more.
            case needsMore
            /// The answer ended after `consumed` of the bytes given; any after it are not its.
            case complete(consumed: Int)
        }

        private enum State {
            case head
            case length(remaining: Int)
            case chunked(ChunkedBody)
            case untilClose
        }

        /// The status of the answer read so far (0 before its status line).
        private(set) var status = 0
        private(set) var bodyBytes = 0
        /// Whether the connection may carry the next request after this answer.
        private(set) var keepAlive = true
        private(set) var answeredCall: String?
        private(set) var connectionRequest = 0

        private var state = State.head
        private var head = HeadBuffer()

        /// Ready for the next answer on the same connection.
        mutating func reset() {
            self = AnswerParser()
        }

        /// Whether the body runs until the connection closes (no length, not chunked): then
        /// the close ends the answer.
        var endsWithClose: Bool {
            if case .untilClose = state { return true }
            return false
        }

        /// What was read of an answer that never got a whole head, for an error message: the
        /// byte count and the bytes themselves shown safely (nil when nothing was read, or the
        /// head was read). An HTTP/0.9 answer or garbage without a blank line ends here.
        var unfinishedHead: String? {
            guard case .head = state else { return nil }
            let carried = head.carried
            guard !carried.isEmpty else { return nil }
            let shown = carried.withUnsafeBytes { HTTPBytes.shown($0) }
            return "\(carried.count) byte\(carried.count == 1 ? "" : "s") that are not an HTTP/1 answer: \"\(shown)\""
        }

        /// Reads what it can of `bytes`, handing every run of body bytes (decoded from chunked
        /// framing) to `onBody` where it lies, with the answer's status, when given.
        mutating func consume(
            _ bytes: UnsafeRawBufferPointer, onBody: ((UnsafeRawBufferPointer, _ status: Int) -> Void)? = nil
        ) throws(HTTPMalformed) -> Progress {
            var offset = 0
            while true {
                switch state {
                case .head:
                    guard let found = try head.find(in: bytes, from: offset) else { return .needsMore }
                    switch found {
                    case .inPlace(let range):
                        try parseHead(UnsafeRawBufferPointer(rebasing: bytes[range]))
                        offset = range.upperBound
                    case .gathered(let gathered, let end):
                        let parsed = gathered.withUnsafeBytes { gathered in
                            Result { () throws(HTTPMalformed) in try parseHead(gathered) }
                        }
                        try parsed.get()
                        offset = end
                    }
                    if case .length(remaining: 0) = state { return .complete(consumed: offset) }
                case .length(let remaining):
                    let taken = min(remaining, bytes.count - offset)
                    if taken > 0 { onBody?(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + taken)]), status) }
                    bodyBytes += taken
                    offset += taken
                    state = .length(remaining: remaining - taken)
                    return taken == remaining ? .complete(consumed: offset) : .needsMore
                case .chunked(var body):
                    let status = self.status
                    let (end, data, done) =
                        if let onBody {
                            try body.consume(bytes, from: offset) { onBody($0, status) }
                        } else {
                            try body.consume(bytes, from: offset)
                        }
                    state = .chunked(body)
                    bodyBytes += data
                    return done ? .complete(consumed: end) : .needsMore
                case .untilClose:
                    if offset < bytes.count { onBody?(UnsafeRawBufferPointer(rebasing: bytes[offset...]), status) }
                    bodyBytes += bytes.count - offset
                    return .needsMore
                }
            }
        }

        private mutating func parseHead(_ head: UnsafeRawBufferPointer) throws(HTTPMalformed) {
            var lines = HeadLines(head)
            guard let statusLine = lines.next() else { throw HTTPMalformed("its head is empty") }
            let minor = try Self.readStatusLine(statusLine, status: &status)
            keepAlive = minor == 1
            var length: Int?
            var chunked = false
            var otherCoding = false
            answeredCall = nil
            connectionRequest = 0
            while let (name, value) = try lines.nextHeader() {
                if HTTPBytes.equalsIgnoringCase(name, "content-length") {
                    length = try HTTPBytes.contentLength(value, after: length)
                } else if HTTPBytes.equalsIgnoringCase(name, "transfer-encoding") {
                    // The last coding decides: chunked ends the body by itself, anything else
                    // runs until the connection closes.
                    chunked = HTTPBytes.equalsIgnoringCase(HTTPBytes.lastToken(value), "chunked")
                    otherCoding = !chunked
                } else if HTTPBytes.equalsIgnoringCase(name, "connection") {
                    if HTTPBytes.containsToken(value, "close") { keepAlive = false }
                    if HTTPBytes.containsToken(value, "keep-alive") { keepAlive = true }
                } else if HTTPBytes.equalsIgnoringCase(name, "x-speedlab-call") {
                    answeredCall = String(decoding: value, as: UTF8.self)
                } else if HTTPBytes.equalsIgnoringCase(name, "x-speedlab-connection-request") {
                    connectionRequest = HTTPBytes.decimal(value) ?? 0
                }
            }
            if (100..<200).contains(status) {
                guard status != 101 else { throw HTTPMalformed("it switches protocols (101), which was never asked") }
                status = 0
                state = .head  // 100 Continue and the like: the answer itself follows
            } else if status == 204 || status == 304 {
                state = .length(remaining: 0)
            } else if chunked {
                state = .chunked(ChunkedBody())
            } else if let length, !otherCoding {
                state = .length(remaining: length)
            } else {
                keepAlive = false
                state = .untilClose
            }
        }

        /// Reads `HTTP/1.x SSS reason` into `status` and returns x.
        private static func readStatusLine(_ line: UnsafeRawBufferPointer, status: inout Int) throws(HTTPMalformed)
            -> Int
        {
            guard line.count >= 12, HTTPBytes.spells(UnsafeRawBufferPointer(rebasing: line[..<7]), "HTTP/1."),
                line[8] == UInt8(ascii: " "), line.count == 12 || line[12] == UInt8(ascii: " "),
                let minor = HTTPBytes.digit(line[7]), minor <= 1,
                let hundreds = HTTPBytes.digit(line[9]), let tens = HTTPBytes.digit(line[10]),
                let ones = HTTPBytes.digit(line[11]), hundreds >= 1
            else { throw HTTPMalformed("not an HTTP/1 status line: \(HTTPBytes.shown(line))") }
            status = hundreds * 100 + tens * 10 + ones
            return minor
        }
    }
#endif
