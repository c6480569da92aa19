/// Reads a `text/event-stream` body as the HTML standard's event-stream interpretation does,
/// however the reads split it: lines end in `\n`, `\r\n` or `\r` (a `\r` at the end of one read
/// and a `\n` at the start of the next are one line end); a line starting with `:` is a
/// comment (`: ping`); `field: value` loses one space after the colon; `data:` lines of one
/// event are joined by line feeds; an empty line dispatches the event (one without data is
/// dropped); a leading byte-order mark is skipped. An event left unfinished when the body
/// ends is not dispatched, as the standard says; ``pendingBytes`` tells what was left.
///
/// Bytes are kept only while a line is incomplete, and only the fields SpeedLab reads
/// (`data`, `event`, `id`) are kept; `retry` and unknown fields are ignored.
public struct ServerSentEventReader: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var type: [UInt8]?
    /// The last event id (`id:`), which the standard keeps from one event to the next.
    public private(set) var id: String?
    private var lastWasCarriageReturn = false
    private var isFirstLine = true
    /// Bytes read so far, for an error that names what was read.
    public private(set) var bytesRead = 0

    /// The longest line kept (a body that never ends a line cannot take unbounded memory).
    public static let lineLimit = 1 << 22

    public init() {}

    /// Reads `bytes`, calling `event` for every event they complete; throws when a line runs
    /// past ``lineLimit``.
    public mutating func consume(
        _ bytes: some Sequence<UInt8>, event: (ServerSentEvent) throws -> Void
    ) throws {
        let collected = Array(bytes)
        try collected.withUnsafeBytes { raw in
            try consumeRaw(raw) { type, id, data in
                try event(
                    ServerSentEvent(
                        type: type.map { String(decoding: $0, as: UTF8.self) },
                        data: String(decoding: data, as: UTF8.self), id: id))
            }
        }
    }

    /// Reads `bytes` where they lie, calling `event` with each completed event's type (nil for
    /// the default), the last event id and its data, valid only during the call: no string or array is made per
    /// event. Throws when a line runs past ``lineLimit``.
    public mutating func consumeRaw(
        _ bytes: UnsafeRawBufferPointer,
        event: (_ type: [UInt8]?, _ id: String?, _ data: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var index = 0
        while index < bytes.count {
            // The common case: the rest of a line is in this read; take it in one piece.
            if !lastWasCarriageReturn || bytes[index] != 0x0A {
                var end = index
                while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                if end > index {
                    guard line.count + (end - index) <= Self.lineLimit else { throw LineTooLong(limit: Self.lineLimit) }
                    line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<end]))
                    bytesRead += end - index
                    lastWasCarriageReturn = false
                    index = end
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            bytesRead += 1
            if byte == 0x0A, lastWasCarriageReturn {  // the \n of a \r\n
                lastWasCarriageReturn = false
                continue
            }
            lastWasCarriageReturn = byte == 0x0D
            try endLine(event: event)
        }
    }

    /// Whether an incomplete line or event is pending (a body cut off in the middle).
    public var pendingBytes: Int { line.count + data.count }

    private mutating func endLine(
        event: (_ type: [UInt8]?, _ id: String?, _ data: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        defer { line.removeAll(keepingCapacity: true) }
        if isFirstLine {  // a UTF-8 byte-order mark before the first line is skipped
            isFirstLine = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        guard !line.isEmpty else {
            if hasData {
                if data.last == 0x0A { data.removeLast() }
                let dispatchedType = type
                let dispatchedID = id
                hasData = false
                type = nil
                defer { data.removeAll(keepingCapacity: true) }
                try data.withUnsafeBytes { try event(dispatchedType, dispatchedID, $0) }
            }
            type = nil
            return
        }
        if line[0] == UInt8(ascii: ":") { return }  // a comment
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let name = colon.map { line[..<$0] } ?? line[...]
        var valueStart = colon.map { $0 + 1 } ?? line.endIndex
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = line[valueStart...]
        if name.elementsEqual("data".utf8) {
            data.append(contentsOf: value)
            data.append(0x0A)
            hasData = true
        } else if name.elementsEqual("event".utf8) {
            type = Array(value)
        } else if name.elementsEqual("id".utf8), !value.contains(0) {
            id = String(decoding: value, as: UTF8.self)
        }
    }

    /// A line longer than the reader keeps.
    public struct LineTooLong: Error, Sendable, CustomStringConvertible {
        public let limit: Int
        public var description: String { "an event-stream line ran past \(limit) bytes" }
    }
}
