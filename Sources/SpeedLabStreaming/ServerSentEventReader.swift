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
    private var type: String?
    private var id: String?
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
        for byte in bytes {
            bytesRead += 1
            if byte == 0x0A, lastWasCarriageReturn {  // the \n of a \r\n
                lastWasCarriageReturn = false
                continue
            }
            lastWasCarriageReturn = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                try endLine(event: event)
            } else {
                guard line.count < Self.lineLimit else { throw LineTooLong(limit: Self.lineLimit) }
                line.append(byte)
            }
        }
    }

    /// Whether an incomplete line or event is pending (a body cut off in the middle).
    public var pendingBytes: Int { line.count + data.count }

    private mutating func endLine(event: (ServerSentEvent) throws -> Void) throws {
        defer { line.removeAll(keepingCapacity: true) }
        if isFirstLine {  // a UTF-8 byte-order mark before the first line is skipped
            isFirstLine = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        guard !line.isEmpty else {
            if hasData {
                if data.last == 0x0A { data.removeLast() }
                let dispatched = ServerSentEvent(type: type, data: String(decoding: data, as: UTF8.self), id: id)
                data.removeAll(keepingCapacity: true)
                hasData = false
                type = nil
                try event(dispatched)
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
            type = String(decoding: value, as: UTF8.self)
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
