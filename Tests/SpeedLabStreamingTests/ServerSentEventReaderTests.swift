import SpeedLabStatistics
import SpeedLabStreaming
import Testing

/// The event-stream reader against the standard's rules, whole and in random pieces.
@Suite struct ServerSentEventReaderTests {
    static func events(_ text: String, splits: [Int] = []) throws -> [ServerSentEvent] {
        var reader = ServerSentEventReader()
        var events: [ServerSentEvent] = []
        let bytes = Array(text.utf8)
        var start = 0
        for end in (splits.filter { $0 > 0 && $0 < bytes.count }.sorted() + [bytes.count]) {
            try reader.consume(bytes[start..<end]) { events.append($0) }
            start = end
        }
        return events
    }

    @Test func everyLineEndEndsALine() throws {
        let expected = [ServerSentEvent(data: "a"), ServerSentEvent(data: "b")]
        #expect(try Self.events("data: a\n\ndata: b\n\n") == expected)
        #expect(try Self.events("data: a\r\n\r\ndata: b\r\n\r\n") == expected)
        #expect(try Self.events("data: a\r\rdata: b\r\r") == expected)
        #expect(try Self.events("data: a\r\n\rdata: b\n\r\n") == expected)
    }

    @Test func commentsFieldsAndMultiLineDataFollowTheStandard() throws {
        let text = ": ping\n\nevent: delta\nid: 7\ndata:first\ndata:  second\ndata\nretry: 10\nunknown: x\n\n"
        #expect(
            try Self.events(text) == [ServerSentEvent(type: "delta", data: "first\n second\n", id: "7")])
        #expect(try Self.events(": only a comment\n\n").isEmpty)
        #expect(try Self.events("event: x\n\ndata: y\n\n") == [ServerSentEvent(data: "y")])  // no data: dropped
        #expect(try Self.events("\u{FEFF}data: bom\n\n") == [ServerSentEvent(data: "bom")])
    }

    @Test func anEventLeftUnfinishedIsNotDispatched() throws {
        var reader = ServerSentEventReader()
        var events: [ServerSentEvent] = []
        try reader.consume(Array("data: a\n\ndata: cut".utf8)) { events.append($0) }
        #expect(events == [ServerSentEvent(data: "a")])
        #expect(reader.pendingBytes == "data: cut".utf8.count)
    }

    /// 2,000 generated streams, each read whole and in random pieces (a `\r` and its `\n`
    /// split between reads among them), give the same events.
    @Test func theEventsDoNotDependOnHowTheReadsSplitTheBytes() throws {
        var generator = SeededGenerator(seed: 36)
        let pieces = [
            "data: {\"x\":1}", "data:", "data: tail", ": ping", "event: e", "id: 3", "", "data: a:b", "retry: 5",
        ]
        let ends = ["\n", "\r\n", "\r"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<(1 + generator.nextIndex(below: 12)) {
                text += pieces[generator.nextIndex(below: pieces.count)] + ends[generator.nextIndex(below: ends.count)]
            }
            let whole = try Self.events(text)
            let splits = (0..<generator.nextIndex(below: 6)).map { _ in generator.nextIndex(below: text.utf8.count + 1)
            }
            #expect(try Self.events(text, splits: splits) == whole, "\(text.debugDescription) at \(splits)")
        }
    }
}
