/// Reads one event's data as a completion chunk where it lies, without building strings or
/// objects: it walks the JSON once, checking it is well formed, and keeps only what SpeedLab
/// measures — whether `choices[0]` carries non-empty content (`delta.content`,
/// `delta.reasoning_content`, `text`, or `message.content`), `usage.prompt_tokens` and
/// `usage.completion_tokens`, and whether the object has an `error`. `[DONE]` ends a stream.
///
/// What it cannot read (not JSON, an `error` object) it reports as nil, and the caller reads
/// that event again with ``CompletionChunk/decode(_:)`` for the message to show.
enum CompletionChunkScanner {
    /// What a chunk carries, as scanned.
    struct Scanned: Equatable {
        var isDone = false
        var hasContent = false
        var promptTokens: Int?
        var completionTokens: Int?
        /// The object has an `error` member: the caller reads its message.
        var isError = false

        init(isDone: Bool = false) {
            self.isDone = isDone
        }

        /// What a chunk read by the full decoder carries.
        init(_ chunk: CompletionChunk) {
            isDone = chunk.isDone
            hasContent = chunk.content != nil
            promptTokens = chunk.promptTokens
            completionTokens = chunk.completionTokens
        }
    }

    /// The chunk `data` holds; nil for an `error` object or data that is not a JSON object.
    static func scan(_ data: UnsafeRawBufferPointer) -> Scanned? {
        var cursor = Cursor(bytes: data)
        cursor.skipSpace()
        if cursor.remainingEquals("[DONE]") { return Scanned(isDone: true) }
        var scanned = Scanned()
        guard cursor.peek == UInt8(ascii: "{"), cursor.object(path: .root, into: &scanned) else { return nil }
        cursor.skipSpace()
        return cursor.atEnd && !scanned.isError ? scanned : nil
    }

    /// Where in the chunk a value lies: only the places SpeedLab reads are told apart.
    enum Path {
        case root, choices, firstChoice, delta, message, usage, other
    }

    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0
        /// Nesting depth, bounded so a hostile body cannot exhaust the stack.
        var depth = 0

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func remainingEquals(_ text: StaticString) -> Bool {
            var end = bytes.count
            while end > index, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
            guard end - index == text.utf8CodeUnitCount else { return false }
            return text.withUTF8Buffer { word in (0..<word.count).allSatisfy { word[$0] == bytes[index + $0] } }
        }

        /// An object at `path`; true when it is well formed.
        mutating func object(path: Path, into scanned: inout Scanned) -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { return false }
            index += 1  // {
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                skipSpace()
                guard let key = string() else { return false }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                let child = Self.child(of: path, key: key, bytes: bytes)
                if path == .root, Self.equals(key, "error", in: bytes) { scanned.isError = true }
                let start = index
                guard value(path: child, into: &scanned) else { return false }
                record(child, key: key, valueStart: start, into: &scanned, parent: path)
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "}") else { return false }
                index += 1
                return true
            }
        }

        /// Keeps what `key`'s value (just read, from `valueStart`) tells, when it is one SpeedLab reads.
        private func record(_ path: Path, key: Range<Int>, valueStart: Int, into scanned: inout Scanned, parent: Path) {
            let value = valueStart..<index
            switch parent {
            case .delta:
                if Self.equals(key, "content", in: bytes) || Self.equals(key, "reasoning_content", in: bytes) {
                    if Self.isNonEmptyString(value, in: bytes) { scanned.hasContent = true }
                }
            case .message:
                if Self.equals(key, "content", in: bytes), Self.isNonEmptyString(value, in: bytes) {
                    scanned.hasContent = true
                }
            case .firstChoice:
                if Self.equals(key, "text", in: bytes), Self.isNonEmptyString(value, in: bytes) {
                    scanned.hasContent = true
                }
            case .usage:
                if Self.equals(key, "prompt_tokens", in: bytes) {
                    scanned.promptTokens = Self.integer(value, in: bytes)
                } else if Self.equals(key, "completion_tokens", in: bytes) {
                    scanned.completionTokens = Self.integer(value, in: bytes)
                }
            case .root, .choices, .other:
                break
            }
        }

        static func child(of path: Path, key: Range<Int>, bytes: UnsafeRawBufferPointer) -> Path {
            switch path {
            case .root:
                if equals(key, "choices", in: bytes) { return .choices }
                if equals(key, "usage", in: bytes) { return .usage }
                return .other
            case .firstChoice:
                if equals(key, "delta", in: bytes) { return .delta }
                if equals(key, "message", in: bytes) { return .message }
                return .other
            case .choices, .delta, .message, .usage, .other:
                return .other
            }
        }

        /// Any JSON value at `path`; true when it is well formed.
        mutating func value(path: Path, into scanned: inout Scanned) -> Bool {
            guard let byte = peek else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(path: path, into: &scanned)
            case UInt8(ascii: "["): return array(path: path, into: &scanned)
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        mutating func array(path: Path, into scanned: inout Scanned) -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { return false }
            index += 1  // [
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return true
            }
            var element = 0
            while true {
                skipSpace()
                let child: Path = path == .choices && element == 0 ? .firstChoice : .other
                guard value(path: child, into: &scanned) else { return false }
                element += 1
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "]") else { return false }
                index += 1
                return true
            }
        }

        /// A string; the range of its contents (escapes left as written), or nil when malformed.
        mutating func string() -> Range<Int>? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                }
                if byte < 0x20 { return nil }
                index += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            return nil
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = word.withUTF8Buffer { word in (0..<count).allSatisfy { word[$0] == bytes[index + $0] } }
            index += count
            return matches
        }

        mutating func number() -> Bool {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                        || byte == UInt8(ascii: "E")
                else { break }
                index += 1
            }
            return index > start
        }

        static func equals(_ range: Range<Int>, _ word: StaticString, in bytes: UnsafeRawBufferPointer) -> Bool {
            guard range.count == word.utf8CodeUnitCount else { return false }
            return word.withUTF8Buffer { word in
                (0..<word.count).allSatisfy { word[$0] == bytes[range.lowerBound + $0] }
            }
        }

        static func isNonEmptyString(_ value: Range<Int>, in bytes: UnsafeRawBufferPointer) -> Bool {
            value.count > 2 && bytes[value.lowerBound] == UInt8(ascii: "\"")
        }

        static func integer(_ value: Range<Int>, in bytes: UnsafeRawBufferPointer) -> Int? {
            guard !value.isEmpty, value.count <= 18 else { return nil }
            var result = 0
            for index in value {
                guard let digit = Int(exactly: bytes[index]).map({ $0 - 48 }), (0...9).contains(digit) else {
                    return nil
                }
                result = result * 10 + digit
            }
            return result
        }
    }
}
