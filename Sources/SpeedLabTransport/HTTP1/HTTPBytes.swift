#if HTTPTransport
    /// The byte-level pieces both of SpeedLab's HTTP/1 readers (``AnswerParser`` in the lean
    /// client, ``RequestParser`` in the services) are made of: where a head ends, numbers,
    /// tokens and comma-separated lists read in place, and bytes shown safely in an error.
    enum HTTPBytes {
        static let newline = UInt8(ascii: "\n")
        static let carriageReturn = UInt8(ascii: "\r")

        /// The most bytes of a start line and headers: far more than SpeedLab's own messages.
        static let headLimit = 65_536

        /// The offset just past the blank line that ends a head, looking at `carried` (the
        /// head's earlier bytes) and then `bytes` from `start`; nil when it is not there yet.
        /// A head ends at `\n\n` or `\n\r\n`, never at its own first byte.
        static func endOfHead(_ bytes: UnsafeRawBufferPointer, from start: Int, carried: [UInt8]) -> Int? {
            // The last two bytes seen, so that a line end split between reads is found.
            var previous = carried.last ?? 0
            var beforePrevious = carried.count > 1 ? carried[carried.count - 2] : 0
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == newline && (previous == newline || (previous == carriageReturn && beforePrevious == newline))
                {
                    if carried.count + (index - start) > 2 { return index }
                }
                beforePrevious = previous
                previous = byte
            }
            return nil
        }

        static func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }

        static func hexDigit(_ byte: UInt8) -> Int? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
            default: nil
            }
        }

        /// A non-negative decimal of at most 15 digits, nothing else.
        static func decimal(_ bytes: UnsafeRawBufferPointer) -> Int? {
            guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
            var value = 0
            for byte in bytes {
                guard let digit = digit(byte) else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// The length a `content-length` header gives, refusing one that is not a length or
        /// differs from a length given before (`previous`): two lengths are read two ways.
        static func contentLength(_ value: UnsafeRawBufferPointer, after previous: Int?) throws(HTTPMalformed) -> Int {
            guard let given = decimal(value) else {
                throw HTTPMalformed("content-length is not a length: \(shown(value))")
            }
            if let previous, previous != given { throw HTTPMalformed("two different content-length headers") }
            return given
        }

        /// `tchar` of RFC 9110: what a header name or a method is made of.
        static func isTokenByte(_ byte: UInt8) -> Bool {
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

        static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

        static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        }

        /// Whether `bytes` spell `lowercase` in any case.
        static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
            spells(bytes, lowercase, foldingCase: true)
        }

        /// Whether `bytes` spell `text` (letters of `bytes` lowered first when `foldingCase`).
        static func spells(_ bytes: UnsafeRawBufferPointer, _ text: StaticString, foldingCase: Bool = false) -> Bool {
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
        static func lastToken(_ value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            let start = (value.lastIndex(of: UInt8(ascii: ",")) ?? -1) + 1
            return trimmed(UnsafeRawBufferPointer(rebasing: value[start...]))
        }

        /// Whether one element of a comma-separated list is `token`, in any case.
        static func containsToken(_ value: UnsafeRawBufferPointer, _ token: StaticString) -> Bool {
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
        /// ASCII escaped: hostile bytes never reach a terminal as a control sequence.
        static func shown(_ bytes: UnsafeRawBufferPointer) -> String {
            var text = ""
            for byte in bytes.prefix(80) {
                if (0x20..<0x7F).contains(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    text += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                }
            }
            return bytes.count > 80 ? text + "…" : text
        }
    }
#endif
