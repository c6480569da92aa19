import SpeedLabCore
import Testing

/// The canonical JSON a point is stored as, and reading it back: the identity of a point.
@Suite struct CanonicalJSONTests {
    @Test func keysAreSortedWithoutSpacesWhateverTheOrderGiven() {
        let point = ParameterPoint(["tasks": .integer(64), "latency_ms": .integer(20), "dispatch": .text("window")])
        #expect(point.canonicalJSON == #"{"dispatch":"window","latency_ms":20,"tasks":64}"#)
    }

    @Test func wholeRealsAreWrittenAsIntegersAndFractionsKeepThem() {
        let point = ParameterPoint(["jitter": .real(0.25), "latency_ms": .real(20.0), "work": .integer(-3)])
        #expect(point.canonicalJSON == #"{"jitter":0.25,"latency_ms":20,"work":-3}"#)
    }

    @Test(arguments: [
        "plain", "with \"quotes\"", "back\\slash", "new\nline", "tab\tand\r", "bell\u{07}", "ünïcødé ✓", "pipe|cell",
        "",
    ])
    func textValuesRoundTripThroughTheirEscapes(_ text: String) throws {
        let point = ParameterPoint(["name": .text(text), "tasks": .integer(1)])
        let decoded = try #require(ParameterPoint(canonicalJSON: point.canonicalJSON))
        #expect(decoded == point)
        #expect(decoded["name"]?.textValue == text)
    }

    @Test func aPointReadBackEqualsThePointWrittenEvenWhenNumbersChangeKind() throws {
        let written = ParameterPoint(["jitter": .real(0), "latency_ms": .real(20), "tasks": .integer(8)])
        let read = try #require(ParameterPoint(canonicalJSON: written.canonicalJSON))
        #expect(read["jitter"] == .integer(0))
        #expect(read == written)
        #expect(
            PointKey(scenario: "sequential", parameters: read) == PointKey(scenario: "sequential", parameters: written))
        #expect(Set([read, written]).count == 1)
    }

    @Test func aNumberAndTheWordThatSpellsItAreDifferentValues() {
        #expect(ParameterValue.integer(20) != .text("20"))
        #expect(ParameterValue.real(20) == .integer(20))
        #expect(ParameterValue.real(0.5) != .integer(0))
    }

    @Test(arguments: ["", "{", "[]", #"{"a":}"#, #"{"a":1,}"#, #"{"a":1} trailing"#, #"{a:1}"#, #"{"a":"unclosed}"#])
    func textThatIsNotFlatCanonicalJSONIsRefused(_ text: String) {
        #expect(ParameterPoint(canonicalJSON: text) == nil)
    }

    @Test func pointKeysOrderByScenarioThenParametersAndReadLikeProgressLines() {
        let a = PointKey(scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(8)]))
        let b = PointKey(scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(64)]))
        let c = PointKey(scenario: "agent", parameters: ParameterPoint(["tasks": .integer(8)]))
        #expect([a, b, c].sorted() == [c, b, a])
        #expect(a.description == "concurrent tasks=8")
        #expect(PointKey(scenario: "sequential", parameters: ParameterPoint()).description == "sequential")
    }
}
