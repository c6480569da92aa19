#if HTTPTransport
    /// Reads one HTTP/1.1 answer at a time from a connection's bytes, however the reads split
    /// them: the status line and the headers the lean client needs (`content-length`,
    /// `transfer-encoding`, `connection`, SpeedLab's `x-speedlab-call` and
    /// `x-speedlab-connection-request`), then the body, counted and dropped, whether its length
    /// is given, chunked, or runs until the connection closes. Informational answers (1xx but
    /// 101) are skipped; 204 and 304 have no body.
    ///
    /// What it does not understand is an ``AnswerParser/Malformed`` error, never a guess: the
    /// connection is then closed, so no byte of a broken answer reaches the next request.
    struct AnswerParser {
        /// What broke the answer, in words for the request's error.
        struct Malformed: Error, CustomStringConvertible {
            let description: String
            init(_ description: String) { self.description = description }
        }

        /// The most bytes of a status line and headers: far more than the services send.
        static let headLimit = 65_536

        /// What one call of ``consume(_:)`` got to.
        enum Progress: Equatable {
            /// Every byte given was read; the answer needs more.
            case needsMore
            /// The answer ended after `consumed` of the bytes given; any after it are not its.
            case complete(consumed: Int)
        }

        private enum Body {
            case length(remaining: Int)
            case chunkSize(digits: Int, value: Int, inExtension: Bool, sawCR: Bool)
            case chunkData(remaining: Int)
            case chunkEnd(sawCR: Bool)
            case trailers(lineLength: Int, sawCR: Bool)
            case untilClose
        }

        private enum State {
            case head
            case body(Body)
        }

        /// The status of the answer read so far (0 before its status line).
        private(set) var status = 0
        private(set) var bodyBytes = 0
        /// Whether the connection may carry the next request after this answer.
        private(set) var keepAlive = true
        private(set) var answeredCall: String?
        private(set) var connectionRequest = 0

        private var state = State.head
        /// The head's bytes when it arrived in more than one read.
        private var pendingHead: [UInt8] = []

        /// Ready for the next answer on the same connection.
        mutating func reset() {
            self = AnswerParser()
        }

        /// Whether the body runs until the connection closes (no length, not chunked): then
        /// the close ends the answer.
        var endsWithClose: Bool {
            if case .body(.untilClose) = state { return true }
            return false
        }

        /// Reads what it can of `bytes`.
        mutating func consume(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> Progress {
            var offset = 0
            while true {
                switch state {
                case .head:
                    guard let used = try readHead(bytes, from: offset) else { return .needsMore }
                    offset = used
                    if case .head = state { continue }  // an informational answer: the real one follows
                    if case .body(.length(remaining: 0)) = state { return .complete(consumed: offset) }
                case .body(let body):
                    let (used, done) = try readBody(body, bytes, from: offset)
                    offset = used
                    if done { return .complete(consumed: offset) }
                    if offset == bytes.count { return .needsMore }
                }
            }
        }

        // MARK: The head

        /// Reads the head if its end is in `bytes` (returns the offset past it), else keeps
        /// what it has and returns nil.
        private mutating func readHead(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(Malformed) -> Int? {
            guard let end = Self.endOfHead(bytes, from: start, carried: pendingHead) else {
                pendingHead.append(contentsOf: bytes[start...])
                guard pendingHead.count <= Self.headLimit else {
                    throw Malformed("its status line and headers ran past \(Self.headLimit) bytes")
                }
                return nil
            }
            if pendingHead.isEmpty {  // the whole head in this read: parsed where it lies
                try parseHead(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            } else {
                pendingHead.append(contentsOf: bytes[start..<end])
                let head = pendingHead
                pendingHead = []
                let parsed = head.withUnsafeBytes { head in Result { () throws(Malformed) in try parseHead(head) } }
                try parsed.get()
            }
            return end
        }
        /// The offset just past the blank line that ends a head, looking at `carried` (the
        /// head's earlier bytes) and then `bytes` from `start`; nil when it is not there yet.
        private static func endOfHead(_ bytes: UnsafeRawBufferPointer, from start: Int, carried: [UInt8]) -> Int? {
            // The last two bytes seen, for a line end split between reads: a head ends at
            // "\n\n" or "\n\r\n".
            var previous = carried.last ?? 0
            var beforePrevious = carried.count > 1 ? carried[carried.count - 2] : 0
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == newline && (previous == newline || (previous == carriageReturn && beforePrevious == newline))
                {
                    // A head's first line cannot be blank: a leading blank line is not a head's end.
                    if carried.count + (index - start) > 2 { return index }
                }
                beforePrevious = previous
                previous = byte
            }
            return nil
        }

        private mutating func parseHead(_ head: UnsafeRawBufferPointer) throws(Malformed) {
            var lines = HeadLines(head)
            guard let statusLine = lines.next() else { throw Malformed("its head is empty") }
            let minor = try Self.readStatusLine(statusLine, status: &status)
            keepAlive = minor == 1
            var length: Int?
            var chunked = false
            var otherCoding = false
            answeredCall = nil
            connectionRequest = 0
            while let line = lines.next() {
                if line.isEmpty { break }
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                    throw Malformed("a header line without a colon: \(Self.shown(line))")
                }
                let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
                guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else {
                    throw Malformed("a header name that is not a token: \(Self.shown(line))")
                }
                let value = Self.trimmed(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
                if Self.equalsIgnoringCase(name, "content-length") {
                    guard let given = Self.decimal(value) else {
                        throw Malformed("content-length is not a length: \(Self.shown(value))")
                    }
                    if let length, length != given { throw Malformed("two different content-length headers") }
                    length = given
                } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
                    // The last coding decides: chunked ends the body by itself, anything else
                    // runs until the connection closes.
                    let last = Self.lastToken(value)
                    chunked = Self.equalsIgnoringCase(last, "chunked")
                    otherCoding = !chunked
                } else if Self.equalsIgnoringCase(name, "connection") {
                    if Self.containsToken(value, "close") { keepAlive = false }
                    if Self.containsToken(value, "keep-alive") { keepAlive = true }
                } else if Self.equalsIgnoringCase(name, "x-speedlab-call") {
                    answeredCall = String(decoding: value, as: UTF8.self)
                } else if Self.equalsIgnoringCase(name, "x-speedlab-connection-request") {
                    connectionRequest = Self.decimal(value) ?? 0
                }
            }
            if (100..<200).contains(status) {
                guard status != 101 else { throw Malformed("it switches protocols (101), which was never asked") }
                status = 0
                state = .head  // 100 Continue and the like: the answer itself follows
                return
            }
            if status == 204 || status == 304 {
                state = .body(.length(remaining: 0))
            } else if chunked {
                state = .body(.chunkSize(digits: 0, value: 0, inExtension: false, sawCR: false))
            } else if otherCoding {
                keepAlive = false
                state = .body(.untilClose)
            } else if let length {
                state = .body(.length(remaining: length))
            } else {
                keepAlive = false
                state = .body(.untilClose)
            }
        }

        /// Reads `HTTP/1.x SSS reason` into `status` and returns x.
        private static func readStatusLine(_ line: UnsafeRawBufferPointer, status: inout Int) throws(Malformed) -> Int {
            guard line.count >= 12, spells(UnsafeRawBufferPointer(rebasing: line[..<7]), "HTTP/1."),
                line[8] == UInt8(ascii: " "),
                line.count == 12 || line[12] == UInt8(ascii: " "),
                let minor = digit(line[7]), minor <= 1,
                let hundreds = digit(line[9]), let tens = digit(line[10]), let ones = digit(line[11]), hundreds >= 1
            else { throw Malformed("not an HTTP/1 status line: \(shown(line))") }
            status = hundreds * 100 + tens * 10 + ones
            return minor
        }

        // MARK: The body

        /// Reads body bytes from `start`; returns the offset reached and whether the body ended.
        private mutating func readBody(_ body: Body, _ bytes: UnsafeRawBufferPointer, from start: Int)
            throws(Malformed) -> (Int, Bool)
        {
            let available = bytes.count - start
            switch body {
            case .length(let remaining):
                let taken = min(remaining, available)
                bodyBytes += taken
                state = .body(.length(remaining: remaining - taken))
                return (start + taken, taken == remaining)
            case .untilClose:
                bodyBytes += available
                return (bytes.count, false)
            case .chunkData(let remaining):
                let taken = min(remaining, available)
                bodyBytes += taken
                state = .body(taken == remaining ? .chunkEnd(sawCR: false) : .chunkData(remaining: remaining - taken))
                return (start + taken, false)
            case .chunkSize, .chunkEnd, .trailers:
                return try readChunkFraming(body, bytes, from: start)
            }
        }

        /// The lines around a chunk's data, byte by byte: its size (hexadecimal, extensions
        /// after `;` ignored), the line end after its data, the trailers after the last chunk.
        private mutating func readChunkFraming(_ body: Body, _ bytes: UnsafeRawBufferPointer, from start: Int)
            throws(Malformed) -> (Int, Bool)
        {
            var body = body
            var index = start
            defer { state = .body(body) }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch body {
                case .chunkSize(let digits, let value, let inExtension, let sawCR):
                    if sawCR {
                        guard byte == newline else { throw Malformed("a chunk size line ends in a lone CR") }
                    }
                    if byte == newline {
                        guard digits > 0 else { throw Malformed("a chunk without a size") }
                        body = value == 0 ? .trailers(lineLength: 0, sawCR: false) : .chunkData(remaining: value)
                        if value > 0 { return (index, false) }
                    } else if byte == carriageReturn {
                        body = .chunkSize(digits: digits, value: value, inExtension: inExtension, sawCR: true)
                    } else if inExtension {
                        continue
                    } else if let nibble = Self.hexDigit(byte) {
                        guard digits < 15 else { throw Malformed("a chunk size of more than 15 hexadecimal digits") }
                        body = .chunkSize(
                            digits: digits + 1, value: value << 4 | nibble, inExtension: false, sawCR: false)
                    } else if byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                        guard digits > 0 else { throw Malformed("a chunk without a size") }
                        body = .chunkSize(digits: digits, value: value, inExtension: true, sawCR: false)
                    } else {
                        throw Malformed("a chunk size that is not hexadecimal")
                    }
                case .chunkEnd(let sawCR):
                    if byte == newline {
                        body = .chunkSize(digits: 0, value: 0, inExtension: false, sawCR: false)
                    } else if byte == carriageReturn, !sawCR {
                        body = .chunkEnd(sawCR: true)
                    } else {
                        throw Malformed("a chunk's data is not followed by a line end")
                    }
                case .trailers(let lineLength, let sawCR):
                    if byte == newline {
                        if lineLength == 0 { return (index, true) }
                        body = .trailers(lineLength: 0, sawCR: false)
                    } else if byte == carriageReturn, !sawCR {
                        body = .trailers(lineLength: lineLength, sawCR: true)
                    } else {
                        guard lineLength < Self.headLimit else { throw Malformed("a trailer line is too long") }
                        body = .trailers(lineLength: lineLength + 1, sawCR: false)
                    }
                case .length, .chunkData, .untilClose:
                    return (index - 1, false)
                }
            }
            return (index, false)
        }

        // MARK: Bytes

        private static func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }

        private static func hexDigit(_ byte: UInt8) -> Int? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
            default: nil
            }
        }

        /// A non-negative decimal of at most 15 digits, nothing else.
        private static func decimal(_ bytes: UnsafeRawBufferPointer) -> Int? {
            guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
            var value = 0
            for byte in bytes {
                guard let digit = digit(byte) else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// `tchar` of RFC 9110: what a header name is made of.
        private static func isTokenByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                true
            default: false
            }
        }

        private static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

        private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        }

        /// Whether `bytes` spell `lowercase` in any case.
        private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
            spells(bytes, lowercase, foldingCase: true)
        }

        /// Whether `bytes` spell `text` (letters of `bytes` lowered first when `foldingCase`).
        private static func spells(_ bytes: UnsafeRawBufferPointer, _ text: StaticString, foldingCase: Bool = false)
            -> Bool
        {
            guard bytes.count == text.utf8CodeUnitCount else { return false }
            let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            for index in 0..<bytes.count {
                let byte = bytes[index]
                let folded = foldingCase && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                if folded != expected[index] { return false }
            }
            return true
        }

        /// The last of a comma-separated list's elements, trimmed.
        private static func lastToken(_ value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            let start = (value.lastIndex(of: UInt8(ascii: ",")) ?? -1) + 1
            return trimmed(UnsafeRawBufferPointer(rebasing: value[start...]))
        }

        /// Whether one element of a comma-separated list is `token`, in any case.
        private static func containsToken(_ value: UnsafeRawBufferPointer, _ token: StaticString) -> Bool {
            var start = 0
            while start <= value.count {
                let end = value[start...].firstIndex(of: UInt8(ascii: ",")) ?? value.count
                if equalsIgnoringCase(trimmed(UnsafeRawBufferPointer(rebasing: value[start..<end])), token) {
                    return true
                }
                start = end + 1
            }
            return false
        }

        /// At most 80 bytes of `bytes` for an error message, every byte outside printable
        /// ASCII escaped: a hostile answer never reaches a terminal as a control sequence.
        private static func shown(_ bytes: UnsafeRawBufferPointer) -> String {
            var text = ""
            for byte in bytes.prefix(80) {
                if (0x20..<0x7F).contains(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
            return bytes.count > 80 ? text + "…" : text
        }
    }

    private let newline = UInt8(ascii: "\n")
    private let carriageReturn = UInt8(ascii: "\r")

    /// The lines of a head, split at `\n` with a `\r` before it dropped.
    private struct HeadLines {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func next() -> UnsafeRawBufferPointer? {
            guard offset < bytes.count else { return nil }
            let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var lineEnd = end
            if lineEnd > offset, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            defer { offset = end + 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<lineEnd])
        }
    }

    extension String {
        fileprivate func leftPadded(to width: Int) -> String {
            count >= width ? self : String(repeating: "0", count: width - count) + self
        }
    }
#endif
