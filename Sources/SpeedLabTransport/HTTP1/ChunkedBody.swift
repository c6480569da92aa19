#if HTTPTransport
    /// Reads a chunked body (RFC 9112 §7.1) byte by byte, however the reads split it: each
    /// chunk's size line (hexadecimal, extensions after `;` ignored), its data (counted, and
    /// kept only where the caller asks), the line end after it, and the trailers after the last chunk.
    struct ChunkedBody {
        private enum State {
            case size(digits: Int, value: Int, inExtension: Bool, sawCR: Bool)
            case data(remaining: Int)
            case dataEnd(sawCR: Bool)
            case trailers(lineLength: Int, sawCR: Bool)
        }

        private var state = State.size(digits: 0, value: 0, inExtension: false, sawCR: false)

        /// Reads `bytes` from `start`: returns the offset reached, the data bytes read on the
        /// way, and whether the body ended there.
        mutating func consume(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(HTTPMalformed) -> (
            end: Int, data: Int, done: Bool
        ) {
            try consume(bytes, from: start, onData: nil)
        }

        /// ``consume(_:from:)`` that also appends the data bytes to `kept`, when it is not nil.
        mutating func consume(
            _ bytes: UnsafeRawBufferPointer, from start: Int, keeping kept: inout [UInt8]?
        ) throws(HTTPMalformed) -> (end: Int, data: Int, done: Bool) {
            guard var gathered = kept else { return try consume(bytes, from: start, onData: nil) }
            kept = nil  // the one reference to the buffer while it grows: appends never copy it
            defer { kept = gathered }
            return try consume(bytes, from: start) { gathered.append(contentsOf: $0) }
        }

        /// ``consume(_:from:)`` that hands every run of data bytes to `onData`, where it lies.
        mutating func consume(
            _ bytes: UnsafeRawBufferPointer, from start: Int, onData: ((UnsafeRawBufferPointer) -> Void)?
        ) throws(HTTPMalformed) -> (end: Int, data: Int, done: Bool) {
            var index = start
            var data = 0
            while index < bytes.count {
                if case .data(let remaining) = state {
                    let taken = min(remaining, bytes.count - index)
                    onData?(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + taken)]))
                    data += taken
                    index += taken
                    state = taken == remaining ? .dataEnd(sawCR: false) : .data(remaining: remaining - taken)
                    continue
                }
                let byte = bytes[index]
                index += 1
                if try frame(byte) { return (index, data, true) }
            }
            return (index, data, false)
        }

        /// Takes one byte of the framing; true when it ended the body.
        private mutating func frame(_ byte: UInt8) throws(HTTPMalformed) -> Bool {
            switch state {
            case .size(let digits, let value, let inExtension, let sawCR):
                if sawCR, byte != HTTPBytes.newline { throw HTTPMalformed("a chunk size line ends in a lone CR") }
                if byte == HTTPBytes.newline {
                    guard digits > 0 else { throw HTTPMalformed("a chunk without a size") }
                    state = value == 0 ? .trailers(lineLength: 0, sawCR: false) : .data(remaining: value)
                } else if byte == HTTPBytes.carriageReturn {
                    state = .size(digits: digits, value: value, inExtension: inExtension, sawCR: true)
                } else if inExtension {
                    return false
                } else if let nibble = HTTPBytes.hexDigit(byte) {
                    guard digits < 15 else { throw HTTPMalformed("a chunk size of more than 15 hexadecimal digits") }
                    state = .size(digits: digits + 1, value: value << 4 | nibble, inExtension: false, sawCR: false)
                } else if byte == UInt8(ascii: ";") || HTTPBytes.isSpace(byte) {
                    guard digits > 0 else { throw HTTPMalformed("a chunk without a size") }
                    state = .size(digits: digits, value: value, inExtension: true, sawCR: false)
                } else {
                    throw HTTPMalformed("a chunk size that is not hexadecimal")
                }
            case .dataEnd(let sawCR):
                if byte == HTTPBytes.newline {
                    state = .size(digits: 0, value: 0, inExtension: false, sawCR: false)
                } else if byte == HTTPBytes.carriageReturn, !sawCR {
                    state = .dataEnd(sawCR: true)
                } else {
                    throw HTTPMalformed("a chunk's data is not followed by a line end")
                }
            case .trailers(let lineLength, let sawCR):
                if byte == HTTPBytes.newline {
                    if lineLength == 0 { return true }
                    state = .trailers(lineLength: 0, sawCR: false)
                } else if byte == HTTPBytes.carriageReturn, !sawCR {
                    state = .trailers(lineLength: lineLength, sawCR: true)
                } else {
                    guard lineLength < HTTPBytes.headLimit else { throw HTTPMalformed("a trailer line is too long") }
                    state = .trailers(lineLength: lineLength + 1, sawCR: false)
                }
            case .data:
                break  // data is taken in bulk by consume
            }
            return false
        }
    }
#endif
